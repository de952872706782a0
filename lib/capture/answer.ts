// Writing capture answers: the bin's configured response, CORS, and JSON errors.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { BinResponse } from "../bins/response.ts";
import { defaultAnswerBody } from "../bins/response.ts";
import { getEnv } from "../env.ts";
import type { ApiError } from "../errors.ts";
import { firstHeader } from "./headers.ts";

export const REQUEST_ID_HEADER = "X-Hookscope-Request-Id";

/**
 * Sends a JSON error. When the request body has not been read to its end, what the sender still
 * sends is read and dropped (see drainRefusedBody).
 */
export function sendError(req: IncomingMessage, res: ServerResponse, err: ApiError, cors = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(err.toJSON());
  const headers: OutgoingHttpHeaders = {
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "X-Content-Type-Options": "nosniff",
    ...err.headers,
  };
  if (cors) headers["Access-Control-Allow-Origin"] = "*";
  const drainLimit = getEnv().REFUSED_BODY_DRAIN_BYTES;
  // A body declared larger than what would be drained is not worth reading: close instead.
  const drain = !req.complete && !(Number(req.headers["content-length"]) > drainLimit);
  if (!req.complete && !drain) headers.Connection = "close";
  res.writeHead(err.status, headers);
  res.end(body);
  if (drain) drainRefusedBody(req, drainLimit);
}

/**
 * Many senders write their whole request before they read the answer. Closing the connection on
 * a body still arriving makes the kernel reset it, and the sender sees a reset instead of the
 * answer it was sent. So the rest of the body is read and dropped (never held), up to maxBytes;
 * a sender that sends more than that is disconnected.
 */
function drainRefusedBody(req: IncomingMessage, maxBytes: number): void {
  let left = maxBytes;
  req.on("data", (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) req.socket.destroy();
  });
  req.resume();
}

/** True for a CORS preflight: OPTIONS with Access-Control-Request-Method. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === "OPTIONS" && firstHeader(req.rawHeaders, "access-control-request-method") !== null;
}

/**
 * Every capture answer is served from the app's own origin with a body a bin's owner chose, so it
 * is sandboxed: a configured text/html answer cannot run script against Hookscope's pages.
 */
const ANSWER_GUARDS = ["Content-Security-Policy", "sandbox; default-src 'none'", "X-Content-Type-Options", "nosniff"];

/** Statuses whose answers never have a body (nor a Content-Length describing one). */
const NO_BODY = new Set([204, 304]);

/** The answer to a stored capture: the bin's configured response plus the request id. */
export function sendCaptureAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  config: BinResponse,
  requestId: string,
): void {
  if (config.cors && isPreflight(req)) {
    const flat = [
      ...ANSWER_GUARDS,
      REQUEST_ID_HEADER,
      requestId,
      "Access-Control-Allow-Origin",
      "*",
      "Access-Control-Allow-Methods",
      firstHeader(req.rawHeaders, "access-control-request-method") ?? "*",
      "Access-Control-Max-Age",
      "86400",
    ];
    const requested = firstHeader(req.rawHeaders, "access-control-request-headers");
    if (requested) flat.push("Access-Control-Allow-Headers", requested);
    res.writeHead(204, flat);
    res.end();
    return;
  }
  const flat: string[] = [...ANSWER_GUARDS];
  let hasContentType = false;
  for (const [name, value] of config.headers) {
    if (name.toLowerCase() === "content-type") hasContentType = true;
    flat.push(name, value);
  }
  const body = config.body ?? defaultAnswerBody(requestId);
  if (!hasContentType) {
    flat.push("Content-Type", config.body === null ? "application/json" : "text/plain; charset=utf-8");
  }
  if (config.cors) {
    flat.push("Access-Control-Allow-Origin", "*", "Access-Control-Expose-Headers", REQUEST_ID_HEADER);
  }
  flat.push(REQUEST_ID_HEADER, requestId);
  if (NO_BODY.has(config.status)) {
    res.writeHead(config.status, flat);
    res.end();
    return;
  }
  flat.push("Content-Length", String(Buffer.byteLength(body)));
  res.writeHead(config.status, flat);
  res.end(body);
}
