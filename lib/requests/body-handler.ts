// GET /api/bins/{key}/requests/{id}/body[?decode=1] and GET /api/shares/{id}/requests/{id}/body —
// a captured body as a download: the bytes exactly, or with decode=1 its Content-Encoding undone. Served on node:http next to capture
// rather than by Next, which would drop the answer's Content-Length, put the app-wide headers in
// place of the download's own (its sandboxing CSP among them), and give no hold on the socket to
// see when the answer is sent or to drop a client that stopped reading.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type BinOpener, openerNotFound } from "../bins/opener.ts";
import { sendError } from "../capture/answer.ts";
import type { SharedByteBudget } from "../capture/byte-budget.ts";
import { clientIp } from "../capture/headers.ts";
import { ApiError, requestNotFound, toApiError } from "../errors.ts";
import { ID_PATTERN, TOKEN_PATTERN } from "../ids.ts";
import { decodeWindow, measureDecoded, openDecoded, parseDecodeParam, planDecode } from "./body-decode.ts";
import { bodyDownloadHeaders } from "./body-download.ts";
import { sendAtClientPace } from "./client-pace.ts";
import { getRequestBodyInfo, readRequestBody } from "./service.ts";

export interface BodyDownloadOptions {
  /**
   * Bytes held by all body answers in progress together (MAX_DOWNLOAD_INFLIGHT_BYTES), and by
   * those of one client address (a share of it).
   */
  budget: SharedByteBudget;
  /** Whether the client address comes from X-Forwarded-For (TRUST_PROXY). */
  trustProxy: boolean;
  /** A client that takes nothing for this long is disconnected (DOWNLOAD_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
}

export interface BodyTarget {
  /** The bin's key, or one of its share links. */
  opener: BinOpener;
  id: string;
  search: string;
}

/** Stored bytes are written in views of this size, so progress is seen chunk by chunk. */
const SLICE_BYTES = 64 * 1024;

const BODY_PATH = /^\/api\/(bins|shares)\/([^/?#]+)\/requests\/([^/?#]+)\/body\/?(?:\?(.*))?$/;

/** The bin's opener, request id and query when the target is a body endpoint, else null. */
export function matchBodyDownload(url: string): BodyTarget | null {
  const match = BODY_PATH.exec(url);
  if (!match) return null;
  const secret = match[2] as string;
  const opener: BinOpener = match[1] === "bins" ? { by: "key", key: secret } : { by: "share", id: secret };
  return { opener, id: match[3] as string, search: match[4] ?? "" };
}

const busy = () =>
  new ApiError(
    "server_busy",
    "The server is sending as many body bytes as it allows (MAX_DOWNLOAD_INFLIGHT_BYTES); retry shortly.",
    { "Retry-After": "1" },
  );

export function createBodyDownloadHandler(options: BodyDownloadOptions) {
  return async function handleBodyDownload(req: IncomingMessage, res: ServerResponse, target: BodyTarget) {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        throw new ApiError("method_not_allowed", `${req.method} is not supported here; use GET.`, { Allow: "GET" });
      }
      const secret = target.opener.by === "key" ? target.opener.key : target.opener.id;
      if (!TOKEN_PATTERN.test(secret)) throw openerNotFound(target.opener);
      if (!ID_PATTERN.test(target.id)) throw requestNotFound(target.id.slice(0, 80));
      const decode = parseDecodeParam(new URLSearchParams(target.search));
      await download(req, res, target, decode, options);
    } catch (err) {
      sendError(req, res, toApiError(err));
    }
  };
}

/**
 * Reserves what the answer will hold (the stored bytes, plus the decoders' window when decoding)
 * before reading the body, and keeps it until the answer is sent, fails or its client is gone.
 */
async function download(
  req: IncomingMessage,
  res: ServerResponse,
  target: BodyTarget,
  decode: boolean,
  options: BodyDownloadOptions,
): Promise<void> {
  const info = await getRequestBodyInfo(target.opener, target.id);
  const plan = decode ? planDecode(info.contentEncoding) : { decoded: [], undecoded: [] };
  const held = info.size + decodeWindow(plan.decoded);
  const client = clientIp(req.socket.remoteAddress, req.rawHeaders, options.trustProxy);
  if (!options.budget.tryReserve(client, held)) throw busy();
  try {
    const bytes = await readRequestBody(info);
    const measured = plan.decoded.length > 0 ? await measureDecoded(bytes, plan.decoded) : null;
    res.writeHead(200, bodyDownloadHeaders(info.id, info.contentType, measured?.length ?? bytes.length, plan));
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    const body = measured ? openDecoded(bytes, plan.decoded, measured) : slices(bytes);
    await sendAtClientPace(res, body, options.idleTimeoutMs);
  } finally {
    options.budget.release(client, held);
  }
}

/** The stored bytes in chunks that are views of them, not copies. */
function* slices(bytes: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
    yield bytes.subarray(offset, offset + SLICE_BYTES);
  }
}
