// GET /api/bins/{token}/stream — live captures as Server-Sent Events. Served on node:http next to
// capture so that each connection costs little and a client that stops reading can be dropped.
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getBinOrThrow } from "../bins/service.ts";
import { sendError } from "../capture/answer.ts";
import { ApiError, toApiError } from "../errors.ts";
import type { EventBus, LiveEvent } from "../events/bus.ts";
import { TOKEN_PATTERN } from "../ids.ts";
import { recordLiveSubscriber } from "../metrics.ts";
import { listAfter } from "../requests/service.ts";
import { formatEvent, heartbeat, resumePoint } from "./sse.ts";

export interface StreamOptions {
  bus: EventBus;
  heartbeatMs: number;
  /** A subscriber whose unsent output passes this is disconnected. */
  maxBufferBytes: number;
  maxSubscribersPerBin: number;
}

const STREAM_PATH = /^\/api\/bins\/([^/?#]+)\/stream\/?(?:\?(.*))?$/;
const REPLAY_PAGE = 500;
/** Live events held while a replay is read; past this the replay has fallen too far behind. */
const MAX_BACKLOG = 10_000;

/** The bin token when the target is the stream endpoint, else null. */
export function matchStream(url: string): { token: string; search: string } | null {
  const match = STREAM_PATH.exec(url);
  return match ? { token: match[1] as string, search: match[2] ?? "" } : null;
}

export function createStreamHandler(options: StreamOptions) {
  return async function handleStream(req: IncomingMessage, res: ServerResponse, token: string, search: string) {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        throw new ApiError("method_not_allowed", "The stream endpoint only answers GET.", { Allow: "GET" });
      }
      if (!TOKEN_PATTERN.test(token)) throw new ApiError("bin_not_found", `No bin with token "${token.slice(0, 80)}".`);
      const header = req.headers["last-event-id"];
      const after = resumePoint(Array.isArray(header) ? header[0] : header, new URLSearchParams(search).get("since"));
      if (after === "invalid") {
        throw new ApiError("validation_failed", "Last-Event-ID and since must be a request seq (a whole number).");
      }
      const bin = await getBinOrThrow(token);
      if (options.bus.subscriberCount(token) >= options.maxSubscribersPerBin) {
        throw new ApiError("rate_limited", "Too many live viewers for this bin; close some inspectors.", {
          "Retry-After": "5",
        });
      }
      await stream(req, res, { token, binId: bin.id, after }, options);
    } catch (err) {
      sendError(req, res, toApiError(err));
    }
  };
}

async function stream(
  req: IncomingMessage,
  res: ServerResponse,
  target: { token: string; binId: string; after: number | null },
  options: StreamOptions,
): Promise<void> {
  let closed = false;
  let lastSeq = target.after ?? -1;
  // Live events that arrive while the replay is read from the database wait here.
  let backlog: LiveEvent[] | null = target.after === null ? null : [];

  /** Writes a chunk; a client that lets more than maxBufferBytes pile up is dropped (not during replay, which waits for drain). */
  const write = (chunk: string, replaying = false) => {
    if (closed) return;
    res.write(chunk);
    if (!replaying && res.writableLength > options.maxBufferBytes) {
      // The client is not reading: drop it rather than buffer without bound.
      close();
      res.destroy();
    }
  };
  const deliver = (event: LiveEvent) => {
    if (event.type === "request") {
      if (event.summary.seq <= lastSeq) return;
      lastSeq = event.summary.seq;
    }
    write(formatEvent(event), event.type === "request" && backlog !== null);
  };
  recordLiveSubscriber(1);
  const unsubscribe = options.bus.subscribe(target.token, (event) => {
    if (!backlog) deliver(event);
    else if (backlog.length < MAX_BACKLOG) backlog.push(event);
    else {
      // The replay is not keeping up with the live captures: start over on a new connection.
      close();
      res.destroy();
    }
  });
  // During a replay the client is already receiving data, and the replay paces itself.
  const timer = setInterval(() => backlog === null && write(heartbeat()), options.heartbeatMs);
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

  if (target.after !== null) {
    try {
      for (;;) {
        const page = await listAfter(target.binId, lastSeq, REPLAY_PAGE);
        for (const summary of page) deliver({ type: "request", summary });
        if (page.length < REPLAY_PAGE || closed) break;
        // A long replay goes at the client's pace rather than filling the buffer and being cut off.
        if (res.writableNeedDrain) await once(res, "drain", { signal: gone.signal }).catch(() => {});
      }
    } finally {
      const pending = backlog ?? [];
      backlog = null;
      for (const event of pending) deliver(event);
    }
  }
}
