// GET /api/bins/{key}/stream and GET /api/shares/{id}/stream — live captures as Server-Sent Events.
// Served on node:http next to capture so that each connection costs little and a client that stops
// reading can be dropped. A stream belongs to the secret it was opened with: when the bin's key is
// rotated, or the share link revoked, it ends.
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type BinOpener, findBinOpenedBy, openBinOrThrow, openerNotFound } from "../bins/opener.ts";
import { sendError } from "../capture/answer.ts";
import { ApiError, toApiError } from "../errors.ts";
import type { BusEvent, EventBus } from "../events/bus.ts";
import { log } from "../log.ts";
import { recordLiveSubscriber } from "../metrics.ts";
import { listAfter } from "../requests/service.ts";
import type { RequestSummary } from "../requests/types.ts";
import { storage } from "../storage/index.ts";
import { formatEvent, heartbeat, resumePoint } from "./sse.ts";

export interface StreamOptions {
  bus: EventBus;
  heartbeatMs: number;
  /** A subscriber whose unsent output passes this is disconnected. */
  maxBufferBytes: number;
  maxSubscribersPerBin: number;
}

const STREAM_PATH = /^\/api\/(bins|shares)\/([^/?#]+)\/stream\/?(?:\?(.*))?$/;
const REPLAY_PAGE = 500;

/** What opens the bin (its key or a share link) when the target is a stream endpoint, else null. */
export function matchStream(url: string): { opener: BinOpener; search: string } | null {
  const match = STREAM_PATH.exec(url);
  if (!match) return null;
  const secret = match[2] as string;
  const opener: BinOpener = match[1] === "bins" ? { by: "key", key: secret } : { by: "share", id: secret };
  return { opener, search: match[3] ?? "" };
}

export function createStreamHandler(options: StreamOptions) {
  return async function handleStream(req: IncomingMessage, res: ServerResponse, opener: BinOpener, search: string) {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        throw new ApiError("method_not_allowed", "The stream endpoint only answers GET.", { Allow: "GET" });
      }
      const header = req.headers["last-event-id"];
      const after = resumePoint(Array.isArray(header) ? header[0] : header, new URLSearchParams(search).get("since"));
      if (after === "invalid") {
        throw new ApiError("validation_failed", "Last-Event-ID and since must be a request seq (a whole number).");
      }
      const bin = await openBinOrThrow(opener);
      if (options.bus.subscriberCount(bin.id) >= options.maxSubscribersPerBin) {
        throw new ApiError("rate_limited", "Too many live viewers for this bin; close some inspectors.", {
          "Retry-After": "5",
        });
      }
      await stream(req, res, { binId: bin.id, opener, after }, options);
    } catch (err) {
      sendError(req, res, toApiError(err));
    }
  };
}

async function stream(
  req: IncomingMessage,
  res: ServerResponse,
  target: { binId: string; opener: BinOpener; after: number | null },
  options: StreamOptions,
): Promise<void> {
  let closed = false;
  // The newest seq sent (or, for a first connection without a resume point, stored when it began).
  let lastSeq = target.after ?? -1;
  // While storage is read, events that cannot simply be sent next ask for one more read instead.
  let reading = false;
  let readAgain = false;
  // Set when a key change or a revoked share link ended the stream.
  let revoked = false;

  /** Writes a chunk; a client that lets more than maxBufferBytes pile up is dropped (not during a read, which waits for drain). */
  const write = (chunk: string, fromStorage = false) => {
    if (closed) return;
    res.write(chunk);
    // Node corks the socket on a response's write and sends at the end of the tick, which for a
    // capture's event is after the capture's own answer: sent now, a live event leaves before the
    // sender has its 2xx. A read from storage sends its page in one go instead.
    if (!fromStorage) res.socket?.uncork();
    if (!fromStorage && res.writableLength > options.maxBufferBytes) {
      // The client is not reading: drop it rather than buffer without bound.
      close();
      res.destroy();
    }
  };
  const sendRequest = (summary: RequestSummary, fromStorage: boolean) => {
    if (summary.seq <= lastSeq) return;
    lastSeq = summary.seq;
    write(formatEvent({ type: "request", summary }), fromStorage);
  };
  /**
   * Sends, in seq order, every stored request after lastSeq. Captures stored through other
   * instances (or whose live event went past) are found here, so nothing is sent twice or lost.
   */
  const readStored = async () => {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        for (;;) {
          const page = await listAfter(target.binId, lastSeq, REPLAY_PAGE);
          for (const summary of page) sendRequest(summary, true);
          if (page.length < REPLAY_PAGE || closed) break;
          // A long read goes at the client's pace rather than filling the buffer and being cut off.
          if (res.writableNeedDrain) await once(res, "drain", { signal: gone.signal }).catch(() => {});
        }
      } while (readAgain && !closed);
    } catch (err) {
      // Storage failed mid-stream: end it; the client reconnects with Last-Event-ID and loses nothing.
      log.error("live stream could not read stored requests", err);
      close();
      res.destroy();
    } finally {
      reading = false;
    }
  };
  /** Ends the stream unless its key or share link still opens its bin (after a rotation, a revocation or a missed notice). */
  const checkOpener = async () => {
    let opens = false;
    try {
      opens = (await findBinOpenedBy(target.opener))?.id === target.binId;
    } catch (err) {
      log.error("live stream could not check what opened its bin", err);
      // Not known to be valid: once streaming, ending is safe (the client reconnects and is checked
      // again); before that, the setup's own check decides and answers the storage error.
      if (!res.headersSent) return;
    }
    if (opens || closed) return;
    revoked = true;
    close();
    // Before the answer has begun, the setup below answers 404 instead.
    if (res.headersSent) res.end();
  };
  const onEvent = (event: BusEvent) => {
    switch (event.type) {
      case "rekeyed":
        void checkOpener();
        return;
      case "request":
        // Seqs have no gaps, so only lastSeq + 1 is surely next; past it, an earlier capture (from
        // another instance, or deleted since) may be missing, and storage says which.
        if (event.summary.seq === lastSeq + 1 && !reading) sendRequest(event.summary, false);
        else if (event.summary.seq > lastSeq) void readStored();
        return;
      case "wake":
        if (event.upToSeq === null || event.upToSeq > lastSeq) void readStored();
        // A wake-up without a seq follows a lost bus connection, which may have lost a key change or a revocation.
        if (event.upToSeq === null) void checkOpener();
        return;
      default:
        write(formatEvent(event));
    }
  };
  recordLiveSubscriber(1);
  const unsubscribe = options.bus.subscribe(target.binId, onEvent);
  // During a read the client is already receiving data, and the read paces itself.
  const timer = setInterval(() => !reading && write(heartbeat()), options.heartbeatMs);
  const gone = new AbortController();
  const close = () => {
    if (closed) return;
    closed = true;
    gone.abort();
    unsubscribe();
    recordLiveSubscriber(-1);
    clearInterval(timer);
  };
  req.on("close", close);
  res.on("close", close);

  if (target.after === null) {
    // Subscribed first, then the newest seq: a capture committed after this read is sent, one
    // before it is not (it was stored before the stream began).
    reading = true;
    try {
      const [newest] = await storage().listRequests(target.binId, { methods: null, beforeSeq: null, take: 1 });
      lastSeq = Math.max(lastSeq, newest?.seq ?? 0);
    } catch (err) {
      close();
      throw err;
    } finally {
      reading = false;
    }
  }
  // Checked once subscribed: a rotation or revocation committed before this is seen here, one after
  // arrives as an event.
  try {
    if (revoked || (await findBinOpenedBy(target.opener))?.id !== target.binId) throw openerNotFound(target.opener);
  } catch (err) {
    close();
    throw err;
  }

  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
    "X-Content-Type-Options": "nosniff",
  });
  write("retry: 2000\n: connected\n\n");
  if (req.method === "HEAD") {
    close();
    res.end();
    return;
  }
  if (target.after !== null || readAgain) await readStored();
}
