// Sends one prepared request to its target and reads the answer: the engine behind resend and
// forwarding. Headers go out as a flat list so their order, case and duplicates survive; redirects
// are not followed; the whole attempt (lookup, connect, TLS, upload, answer) has one deadline.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { type HeaderPair, toPairs } from "../capture/headers.ts";
import { ApiError, type ErrorCode } from "../errors.ts";
import {
  guardedLookup,
  isPublicAddress,
  type ResolveAll,
  refusalMessage,
  TargetRefusedError,
} from "./target-safety.ts";
import type { TargetUrl } from "./target-url.ts";

export interface OutgoingRequest {
  target: TargetUrl;
  method: string;
  /** The final headers, sent exactly so (see outgoingHeaders). */
  headers: HeaderPair[];
  body: Buffer;
}

export interface SendOptions {
  timeoutMs: number;
  /** The answer body is kept up to this many bytes; the rest is not read. */
  maxResponseBytes: number;
  allowPrivate: boolean;
  /** Aborting ends the attempt; an ApiError reason becomes its error. */
  signal?: AbortSignal;
  /** DNS resolution, replaceable in tests. */
  resolve?: ResolveAll;
}

export interface AttemptError {
  code: ErrorCode;
  message: string;
}

export type SendResult =
  | { ok: true; status: number; headers: HeaderPair[]; body: Buffer; truncated: boolean; durationMs: number }
  | { ok: false; error: AttemptError; durationMs: number };

class DeadlineExceeded extends Error {}

/**
 * Sends the request. Rejects with an ApiError when the target is refused by the safety check (no
 * connection is made) or the request cannot be written; any failure to get an answer resolves
 * with ok: false.
 */
export function sendRequest(request: OutgoingRequest, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { target } = request;
  if (!options.allowPrivate && net.isIP(target.hostname) && !isPublicAddress(target.hostname)) {
    return Promise.reject(new ApiError("target_refused", refusalMessage(target.hostname, target.hostname)));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (result: SendResult | ApiError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (result instanceof ApiError) reject(result);
      else resolve(result);
    };
    const fail = (err: unknown) => {
      if (err instanceof TargetRefusedError) settle(new ApiError("target_refused", err.message));
      else settle({ ok: false, error: describeFailure(err, target, options), durationMs: elapsed() });
    };

    let req: http.ClientRequest;
    try {
      req = (target.protocol === "https:" ? https : http).request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          method: request.method,
          headers: request.headers.flat(),
          setHost: false,
          agent: false,
          lookup: options.allowPrivate ? undefined : guardedLookup(options.resolve),
          servername: net.isIP(target.hostname) ? undefined : target.hostname,
        },
        (res) => readAnswer(res, options.maxResponseBytes, elapsed, settle, fail),
      );
    } catch (err) {
      reject(new ApiError("validation_failed", `The request cannot be sent: ${(err as Error).message}`));
      return;
    }
    const timer = setTimeout(() => req.destroy(new DeadlineExceeded()), options.timeoutMs);
    const onAbort = () => req.destroy(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", fail);
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      fail(new Error("The target switched protocols (101), which a resend does not follow."));
    });
    req.end(request.body);
  });
}

function readAnswer(
  res: http.IncomingMessage,
  maxBytes: number,
  elapsed: () => number,
  settle: (result: SendResult) => void,
  fail: (err: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const done = (truncated: boolean) =>
    settle({
      ok: true,
      status: res.statusCode ?? 0,
      headers: toPairs(res.rawHeaders),
      body: Buffer.concat(chunks, size),
      truncated,
      durationMs: elapsed(),
    });
  res.on("data", (chunk: Buffer) => {
    const room = maxBytes - size;
    if (chunk.length <= room) {
      chunks.push(chunk);
      size += chunk.length;
      return;
    }
    chunks.push(chunk.subarray(0, room));
    size += room;
    done(true);
    res.destroy();
  });
  res.on("end", () => done(false));
  res.on("error", fail);
  res.on("close", () => {
    if (!res.complete) fail(new Error("The target closed the connection before its answer was complete."));
  });
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "ENODATA", "ESERVFAIL"]);

/** Turns a socket, DNS, TLS or parser error into the attempt's error. */
function describeFailure(err: unknown, target: TargetUrl, options: SendOptions): AttemptError {
  const where = `${target.hostname}:${target.port}`;
  if (err instanceof DeadlineExceeded) {
    return {
      code: "target_timeout",
      message: `${where} did not answer within ${options.timeoutMs} ms (RESEND_TIMEOUT_MS); the attempt was cut off.`,
    };
  }
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  const e = err as NodeJS.ErrnoException & { library?: string };
  const code = typeof e?.code === "string" ? e.code : "";
  const message = e?.message ?? String(err);
  if (DNS_CODES.has(code))
    return { code: "target_dns_failed", message: `Could not resolve ${target.hostname} (${code}).` };
  if (/^ERR_(TLS|SSL)_|CERT|^EPROTO$/.test(code) || e?.library === "SSL routines") {
    return { code: "target_tls_failed", message: `TLS with ${where} failed: ${message}` };
  }
  if (code.startsWith("HPE_")) {
    return { code: "target_bad_response", message: `The answer from ${where} is not valid HTTP (${code}).` };
  }
  if (code === "ECONNREFUSED") {
    return { code: "target_unreachable", message: `${where} refused the connection; is anything listening there?` };
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return { code: "target_unreachable", message: `${where} closed the connection before answering (${code}).` };
  }
  if (!code) return { code: "target_bad_response", message };
  return { code: "target_unreachable", message: `Could not reach ${where}: ${message}` };
}
