// Undoes a captured body's Content-Encoding for viewing and download (?decode=1). The stored bytes
// never change; decoding is bounded so a small compressed body cannot expand without limit.
import zlib from "node:zlib";
import { contentCodings, DECODED_HEADER, UNDECODED_HEADER } from "../body/detect.ts";
import { ApiError } from "../errors.ts";
import { bodyDownloadHeaders } from "./body-download.ts";

export const MAX_DECODED_BYTES = 16 * 1024 * 1024;

export interface DecodedBody {
  bytes: Buffer;
  /** The codings undone, as listed in Content-Encoding (the order they were applied). */
  decoded: string[];
  /** Codings this server cannot undo; when any is present the bytes are returned as stored. */
  undecoded: string[];
}

type Inflate = (input: Buffer, maxOutputLength: number) => Promise<Buffer>;
type ZlibCall = (
  input: Buffer,
  options: { maxOutputLength: number },
  callback: (err: Error | null, out: Buffer) => void,
) => void;

const run =
  (call: ZlibCall): Inflate =>
  (input, maxOutputLength) =>
    new Promise((resolve, reject) => {
      call(input, { maxOutputLength }, (err, out) => (err ? reject(err) : resolve(out)));
    });

const gunzip = run(zlib.gunzip);
const inflate = run(zlib.inflate);
const inflateRaw = run(zlib.inflateRaw);

// HTTP "deflate" means zlib-wrapped data, but some senders send raw deflate; browsers accept both.
const inflateEither: Inflate = (input, max) =>
  inflate(input, max).catch((err: unknown) => {
    if (isOverLimit(err)) throw err;
    return inflateRaw(input, max).catch(() => Promise.reject(err));
  });

const DECODERS: Record<string, Inflate> = {
  gzip: gunzip,
  "x-gzip": gunzip,
  deflate: inflateEither,
  br: run(zlib.brotliDecompress),
};

/**
 * Undoes every coding of `contentEncoding`, last applied first. Without codings, or with one this
 * server cannot undo, the bytes come back as stored. Throws `body_not_decodable` (400) when the data
 * is corrupt or would decode to more than `maxBytes`.
 */
export async function decodeBody(
  bytes: Buffer,
  contentEncoding: string | null,
  maxBytes = MAX_DECODED_BYTES,
): Promise<DecodedBody> {
  const codings = contentCodings(contentEncoding);
  const undecoded = codings.filter((coding) => !(coding in DECODERS));
  if (codings.length === 0 || undecoded.length > 0) return { bytes, decoded: [], undecoded };

  let current = bytes;
  for (const coding of [...codings].reverse()) {
    const decoder = DECODERS[coding] as Inflate;
    try {
      current = await decoder(current, maxBytes);
    } catch (err) {
      throw notDecodable(coding, err, maxBytes);
    }
  }
  return { bytes: current, decoded: codings, undecoded: [] };
}

/** The `decode` query parameter: "1" or "true" asks for decoding; absent or "0"/"false" does not. */
export function parseDecodeParam(params: URLSearchParams): boolean {
  const value = params.get("decode");
  if (value === null || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new ApiError("validation_failed", `decode must be 1 or 0; got "${value.slice(0, 40)}".`);
}

/** Download headers for a decoded body: a ".decoded" filename, and which codings were undone. */
export function decodedBodyHeaders(id: string, contentType: string | null, body: DecodedBody): Headers {
  const stem = body.decoded.length > 0 ? `${id}.decoded` : id;
  const headers = new Headers(bodyDownloadHeaders(stem, contentType, body.bytes.length));
  if (body.decoded.length > 0) headers.set(DECODED_HEADER, body.decoded.join(", "));
  if (body.undecoded.length > 0) headers.set(UNDECODED_HEADER, body.undecoded.join(", "));
  return headers;
}

function notDecodable(coding: string, err: unknown, maxBytes: number): ApiError {
  if (isOverLimit(err)) {
    return new ApiError(
      "body_not_decodable",
      `Decoded from ${coding}, the body would be larger than ${sizeText(maxBytes)}, the most this server decodes. ` +
        "Download it without decode=1 and decode it locally.",
    );
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new ApiError(
    "body_not_decodable",
    `The body is not valid ${coding} data (${reason}). Download it without decode=1 to get the bytes as stored.`,
  );
}

function isOverLimit(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "ERR_BUFFER_TOO_LARGE";
}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
