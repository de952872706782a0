// The capture hot path, on node:http: read the body within limits, hand the row to the group
// writer, answer only after it is committed, then publish the summary to live subscribers.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CaptureBin } from "../bins/capture-lookup.ts";
import { ApiError, binNotFound, toApiError } from "../errors.ts";
import type { EventBus } from "../events/bus.ts";
import { newId } from "../ids.ts";
import { log } from "../log.ts";
import { recordCapture } from "../metrics.ts";
import type { RateLimiter } from "../rate-limit.ts";
import { toSummary } from "../requests/serialize.ts";
import type { RequestSummary } from "../requests/types.ts";
import type { Resolution } from "../rules/resolve.ts";
import { sendCaptureAnswer, sendError } from "./answer.ts";
import { ByteCounter, checkContentLength } from "./body-limit.ts";
import type { ByteBudget } from "./byte-budget.ts";
import { clientIp, firstHeader } from "./headers.ts";
import { defaultAnswerJson, resolveByRules, sendResolved } from "./rule-answer.ts";
import type { CaptureTarget } from "./target.ts";
import type { CaptureRow, ForwardOutcome, WriteResult } from "./writer-protocol.ts";

type StoredResult = Extract<WriteResult, { ok: true }>;

/** What the after-capture hook learns of a stored capture. */
export interface StoredCapture {
  id: string;
  method: string;
  /** Set when the bin forwards: whether the capture entered the forwarding outbox. */
  forward: ForwardOutcome | undefined;
}

export interface CaptureDeps {
  maxBodyBytes: number;
  trustProxy: boolean;
  /** The bin for a token when it is cached at `now` (null: known not to exist), else undefined. */
  cachedBin: (token: string, now: number) => CaptureBin | null | undefined;
  /** The bin for a token that is not cached, from the database. */
  lookUpBin: (token: string) => Promise<CaptureBin | null>;
  /** Drops what is cached of a token the writer found dead (bin deleted, token rotated). */
  forgetBin: (token: string) => void;
  /** Queues the row for the group commit; resolves with the outcome once committed or refused, never rejects. */
  write: (row: CaptureRow) => Promise<WriteResult>;
  bus: EventBus;
  limits: { perIp: RateLimiter; perBin: RateLimiter; inflight: ByteBudget };
  /**
   * Called once a capture is stored and answered (automatic forwarding), with its headers as
   * received; must not throw or block.
   */
  onStored?: (bin: CaptureBin, capture: StoredCapture) => void;
}

/** Called once when a capture is answered, refused or abandoned; with the error when it failed. */
export type CaptureDone = (err?: unknown) => void;

const rateLimited = (what: string, retryAfterSeconds: number) =>
  new ApiError("rate_limited", `Too many captures ${what}; slow down and retry after ${retryAfterSeconds} s.`, {
    "Retry-After": String(retryAfterSeconds),
  });

const busy = () =>
  new ApiError(
    "server_busy",
    "The server is holding as many request bodies as it allows (MAX_INFLIGHT_BYTES); retry shortly.",
    { "Retry-After": "1" },
  );

const tooLarge = (max: number) =>
  new ApiError("body_too_large", `The request body is larger than this server accepts (MAX_BODY_BYTES=${max} bytes).`);

const lookupFailed = () => new ApiError("storage_unavailable", "The database is unavailable; try again shortly.");

/**
 * The capture path runs on callbacks, not promises: Next's AsyncLocalStorage turns on async hooks
 * in this process, and then every promise a capture makes costs a hook call per store. Measured
 * under load, the capture path's promises cost several microseconds per capture on the event loop.
 * The one promise kept is the write's: answering from its continuation rather than from inside the
 * writer's message event was faster by 14-35 % in three A/B pairs, and kept less of each capture's
 * heap alive into the old generation (1.2 against 3.7 KB). A bin with rules and a token not cached
 * yet make a few more.
 */
export function createCaptureHandler(deps: CaptureDeps) {
  /**
   * Captures one request; `done` is called once. `presetBody` is given for CONNECT, whose bytes
   * after the headers are not a body Node reads but the start of a tunnel: they are stored as the body.
   */
  function handleCapture(
    req: IncomingMessage,
    res: ServerResponse,
    target: CaptureTarget,
    presetBody: Uint8Array | undefined,
    onDone: CaptureDone,
  ): void {
    const done = once(onDone);
    guarded(done, () => begin(req, res, target, presetBody, done));
  }

  function begin(
    req: IncomingMessage,
    res: ServerResponse,
    target: CaptureTarget,
    presetBody: Uint8Array | undefined,
    done: CaptureDone,
  ): void {
    // The one clock reading of a capture: Next wraps Date.now in this process with two
    // AsyncLocalStorage lookups, so the limits, the cache and the id take this one.
    const receivedAt = Date.now();
    // Errors before the bin is known carry CORS headers, so a browser sender can read them too;
    // they reveal nothing about any bin.
    if (checkContentLength(req.headers["content-length"], deps.maxBodyBytes) === "too_large") {
      refuse(req, res, receivedAt, tooLarge(deps.maxBodyBytes), true);
      done();
      return;
    }
    const ip = clientIp(req.socket.remoteAddress, req.rawHeaders, deps.trustProxy);
    const ipVerdict = deps.limits.perIp.take(ip, receivedAt);
    if (!ipVerdict.ok) {
      refuse(req, res, receivedAt, rateLimited("from this address", ipVerdict.retryAfterSeconds), true);
      done();
      return;
    }
    const capture: Capture = { req, res, target, ip, receivedAt, done };
    const cached = deps.cachedBin(target.token, receivedAt);
    if (cached !== undefined) {
      withBin(capture, cached, presetBody);
      return;
    }
    deps.lookUpBin(target.token).then(
      (bin) => guarded(done, () => withBin(capture, bin, presetBody)),
      (err) => {
        log.error("bin lookup failed", err);
        refuse(req, res, receivedAt, lookupFailed());
        done();
      },
    );
  }

  function withBin(capture: Capture, bin: CaptureBin | null, presetBody: Uint8Array | undefined): void {
    const { req, res, target, receivedAt, done } = capture;
    if (!bin) {
      refuse(req, res, receivedAt, binNotFound(target.token, "token"), true);
      done();
      return;
    }
    const binVerdict = deps.limits.perBin.take(bin.id, receivedAt);
    if (!binVerdict.ok) {
      refuse(req, res, receivedAt, rateLimited("for this bin", binVerdict.retryAfterSeconds), bin.response.cors);
      done();
      return;
    }
    const onBody = (body: BodyResult) => {
      if (body === "aborted") {
        done();
        return;
      }
      if (body === "too_large" || body === "busy") {
        refuse(req, res, receivedAt, body === "busy" ? busy() : tooLarge(deps.maxBodyBytes), bin.response.cors);
        done();
        return;
      }
      store(capture, bin, body);
    };
    // onBody runs from the request's stream events: what it throws must not escape there.
    const guardedOnBody = (body: BodyResult) => guarded(done, () => onBody(body));
    if (presetBody) onBody(reserveCopy(presetBody, deps.limits.inflight));
    else readBody(req, deps.maxBodyBytes, deps.limits.inflight, guardedOnBody);
  }

  function store(capture: Capture, bin: CaptureBin, body: Uint8Array): void {
    const { done } = capture;
    // The body leaves this thread once written: its bytes stop counting then, not after a
    // configured answer delay.
    const size = body.byteLength;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      deps.limits.inflight.release(size);
    };
    const finish: CaptureDone = (err) => {
      release();
      done(err);
    };
    guarded(finish, () => submit(capture, bin, body, release, finish));
  }

  /** Builds the row and hands it to the writer, its answer record resolved first for a bin with rules. */
  function submit(capture: Capture, bin: CaptureBin, body: Uint8Array, release: () => void, finish: CaptureDone): void {
    const { req, res, target, receivedAt } = capture;
    const row: CaptureRow = {
      id: newId(receivedAt),
      binId: bin.id,
      token: bin.token,
      method: req.method ?? "GET",
      url: req.url ?? "/",
      path: target.path,
      query: target.query,
      httpVersion: req.httpVersion,
      rawHeaders: req.rawHeaders,
      contentType: firstHeader(req.rawHeaders, "content-type"),
      body,
      bodySize: body.byteLength,
      ip: capture.ip,
      receivedAt,
      answer: null,
    };
    const written = (result: WriteResult, resolution: Resolution | null) => {
      release();
      guarded(finish, () => answer(capture, bin, row, result, resolution, finish));
    };
    // Only a bin with rules resolves its answer before the write; the others answer as they always did.
    if (bin.rules.length === 0) {
      row.answer = defaultAnswerJson(bin, req);
      deps.write(row).then((result) => written(result, null), finish);
      return;
    }
    resolveByRules(bin, req, row).then(
      (resolution) =>
        guarded(finish, () => {
          row.answer = JSON.stringify(resolution.record);
          deps.write(row).then((result) => written(result, resolution), finish);
        }),
      (err) => {
        refuse(req, res, receivedAt, toApiError(err), bin.response.cors);
        finish();
      },
    );
  }

  function answer(
    capture: Capture,
    bin: CaptureBin,
    row: CaptureRow,
    result: WriteResult,
    resolution: Resolution | null,
    finish: CaptureDone,
  ): void {
    const { req, res, target, receivedAt } = capture;
    if (!result.ok) {
      // The bin went, or its token was rotated on another instance: the next capture looks it up again.
      if (result.code === "bin_not_found") deps.forgetBin(target.token);
      const err =
        result.code === "bin_not_found"
          ? binNotFound(target.token, "token")
          : new ApiError(result.code, result.message);
      refuse(req, res, receivedAt, err, bin.response.cors);
      finish();
      return;
    }
    recordCapture("stored", receivedAt);
    // The summary is built only for a bin someone is watching.
    if (deps.bus.subscriberCount(bin.id) > 0) {
      deps.bus.publish(bin.id, { type: "request", summary: summarize(row, result) });
    }
    const stored = { id: row.id, method: row.method, forward: result.forward };
    const after = (err?: unknown) => {
      if (err === undefined) notifyStored(deps, bin, stored);
      finish(err);
    };
    if (resolution) {
      sendResolved(req, res, bin, resolution.action, row.id).then(
        () => guarded(finish, () => after()),
        (err) => after(err ?? new Error("answer failed")),
      );
      return;
    }
    const { delayMs } = bin.response;
    if (delayMs > 0) {
      setTimeout(() => guarded(after, () => answerNow(capture, bin, row.id, after)), delayMs);
      return;
    }
    answerNow(capture, bin, row.id, after);
  }

  return handleCapture;
}

/** One capture in progress: what every step needs. */
interface Capture {
  req: IncomingMessage;
  res: ServerResponse;
  target: CaptureTarget;
  ip: string;
  receivedAt: number;
  done: CaptureDone;
}

function answerNow(capture: Capture, bin: CaptureBin, requestId: string, after: CaptureDone): void {
  if (!capture.res.destroyed) sendCaptureAnswer(capture.req, capture.res, bin.response, requestId);
  after();
}

function once(done: CaptureDone): CaptureDone {
  let called = false;
  return (err) => {
    if (called) return;
    called = true;
    done(err);
  };
}

/** Runs a step; what it throws ends the capture with that error instead of escaping a callback. */
function guarded(done: CaptureDone, step: () => void): void {
  try {
    step();
  } catch (err) {
    done(err);
  }
}

/** Answers a capture that was not stored with its error, and counts the outcome. */
function refuse(req: IncomingMessage, res: ServerResponse, receivedAt: number, err: ApiError, cors = false): void {
  recordCapture(err.code, receivedAt);
  sendError(req, res, err, cors);
}

/** The capture is answered already: a failing hook is logged, never turned into an error answer. */
function notifyStored(deps: CaptureDeps, bin: CaptureBin, capture: StoredCapture): void {
  if (!deps.onStored) return;
  try {
    deps.onStored(bin, capture);
  } catch (err) {
    log.error("after-capture hook failed", err);
  }
}

function summarize(row: CaptureRow, { seq, attempt, deliveryKey }: StoredResult): RequestSummary {
  return toSummary({ ...row, seq, attempt, deliveryKey, receivedAt: new Date(row.receivedAt) });
}

type BodyResult = Uint8Array | "too_large" | "busy" | "aborted";

/**
 * Reads the whole body, reserving its bytes in the in-flight budget as they arrive (the caller
 * releases them once the capture is stored). "too_large" as soon as it passes the limit, "busy"
 * when the budget is spent, "aborted" if the client left; in those cases nothing stays reserved.
 */
function readBody(req: IncomingMessage, maxBytes: number, budget: ByteBudget, done: (body: BodyResult) => void): void {
  const chunks: Buffer[] = [];
  const counter = new ByteCounter(maxBytes);
  let reserved = 0;
  const finish = (value: BodyResult) => {
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onAbort);
    req.off("close", onClose);
    if (typeof value === "string") budget.release(reserved);
    done(value);
  };
  const onData = (chunk: Buffer) => {
    if (!counter.add(chunk.length)) {
      req.pause();
      finish("too_large");
      return;
    }
    if (!budget.tryReserve(chunk.length)) {
      req.pause();
      finish("busy");
      return;
    }
    reserved += chunk.length;
    chunks.push(chunk);
  };
  const onEnd = () => finish(ownedCopy(chunks, counter.total));
  const onAbort = () => finish("aborted");
  const onClose = () => {
    if (!req.complete) finish("aborted");
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onAbort);
  req.on("close", onClose);
}

/** A body that is already in memory, copied into a buffer of its own and counted in the budget. */
function reserveCopy(bytes: Uint8Array, budget: ByteBudget): Uint8Array | "busy" {
  if (!budget.tryReserve(bytes.byteLength)) return "busy";
  return ownedCopy([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)], bytes.byteLength);
}

/**
 * Copies the chunks into one buffer that owns its memory, so it can be moved (not copied) to the
 * writer thread. Chunks from the socket are views into larger shared buffers.
 */
function ownedCopy(chunks: Buffer[], total: number): Uint8Array {
  // Not from Node's shared pool, and not zero-filled first: every byte is written below.
  const out = Buffer.allocUnsafeSlow(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
