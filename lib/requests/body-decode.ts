// Undoes a captured body's Content-Encoding for viewing and download (?decode=1). The stored bytes
// never change. Decoding streams through a chain of zlib decoders at the reader's pace, so a small
// compressed body that expands to megabytes never sits in memory whole: what the chain holds is
// bounded by decodeWindow(), whatever the body expands to.
import { pipeline, type Readable, Transform, Writable } from "node:stream";
import zlib from "node:zlib";
import { contentCodings } from "../body/detect.ts";
import { ApiError } from "../errors.ts";

/** The most a body decodes to, at every stage of a list of codings. */
export const MAX_DECODED_BYTES = 16 * 1024 * 1024;

/** The most codings undone for one body: real senders use one; each more costs a decoder's memory. */
export const MAX_DECODE_CODINGS = 4;

/** Every stream of the chain moves and buffers data in pieces of this size. */
const DECODE_CHUNK_BYTES = 16 * 1024;

/**
 * What one gzip or deflate stage holds at most: its decoder's input and output buffers (two
 * chunks each, a buffer being allowed to pass its high-water mark by one chunk), the limit check
 * after it (four chunks again) and zlib's own state (a 32 KiB window, about 7 KiB of tables and
 * one chunk of output being filled): some 180 KiB. The rest covers the answer's socket buffer,
 * where the last stage's output waits for the client.
 */
export const ZLIB_STAGE_WINDOW = 256 * 1024;

/**
 * What one brotli stage holds at most: the same buffers, plus the decoder's ring buffer (up to
 * brotli's largest window, 16 MiB, as the sender chose it) and its code tables (up to about 3 MiB).
 */
export const BROTLI_STAGE_WINDOW = 20 * 1024 * 1024;

export type Decoder = "gunzip" | "inflate" | "inflateRaw" | "brotli";

// A Map, not an object: a coding named "constructor" must not find Object's prototype.
const DECODERS = new Map<string, Decoder>([
  ["gzip", "gunzip"],
  ["x-gzip", "gunzip"],
  ["deflate", "inflate"],
  ["br", "brotli"],
]);

const streamOptions = { chunkSize: DECODE_CHUNK_BYTES, highWaterMark: DECODE_CHUNK_BYTES };

const createDecoder: Record<Decoder, () => Transform> = {
  gunzip: () => zlib.createGunzip(streamOptions),
  inflate: () => zlib.createInflate(streamOptions),
  inflateRaw: () => zlib.createInflateRaw(streamOptions),
  brotli: () => zlib.createBrotliDecompress(streamOptions),
};

/** What ?decode=1 will do with a body: the codings to undo, or those it cannot undo (bytes as stored). */
export interface DecodePlan {
  /** The codings to undo, as listed in Content-Encoding (the order they were applied). */
  decoded: string[];
  /** Codings this server cannot undo; when any is present the bytes are served as stored. */
  undecoded: string[];
}

/** A body that decodes within the limits: its decoded length and the decoders that undo it. */
export interface MeasuredBody {
  length: number;
  decoders: Decoder[];
}

/**
 * Reads Content-Encoding. Without codings, or with one this server cannot undo, nothing is decoded.
 * Throws `body_not_decodable` (400) past MAX_DECODE_CODINGS.
 */
export function planDecode(contentEncoding: string | null): DecodePlan {
  const codings = contentCodings(contentEncoding);
  const undecoded = codings.filter((coding) => !DECODERS.has(coding));
  if (codings.length === 0 || undecoded.length > 0) return { decoded: [], undecoded };
  if (codings.length > MAX_DECODE_CODINGS) {
    throw new ApiError(
      "body_not_decodable",
      `The body lists ${codings.length} content codings; this server undoes at most ${MAX_DECODE_CODINGS}. ` +
        "Download it without decode=1 and decode it locally.",
    );
  }
  return { decoded: codings, undecoded: [] };
}

/** The most memory that decoding these codings holds at once, beyond the stored bytes. */
export function decodeWindow(codings: string[]): number {
  return codings.reduce(
    (sum, coding) => sum + (DECODERS.get(coding) === "brotli" ? BROTLI_STAGE_WINDOW : ZLIB_STAGE_WINDOW),
    0,
  );
}

/**
 * A first pass that decodes and counts, keeping nothing: the decoded length, known before an
 * answer's headers are sent. Throws `body_not_decodable` (400) when the data is corrupt or a stage
 * would decode to more than `maxBytes`. HTTP "deflate" means zlib-wrapped data, but some senders
 * send raw deflate (browsers accept both): a deflate stage that fails as zlib is tried raw.
 */
export async function measureDecoded(
  bytes: Buffer,
  codings: string[],
  maxBytes = MAX_DECODED_BYTES,
): Promise<MeasuredBody> {
  const decoders = codings.map((coding) => DECODERS.get(coding) as Decoder);
  const zlibFailures = new Map<number, unknown>();
  for (;;) {
    const outcome = await countDecoded(bytes, codings, decoders, maxBytes);
    if ("length" in outcome) return { length: outcome.length, decoders };
    const { stage, err } = outcome;
    const coding = codings[stage] as string;
    if (err instanceof ApiError) throw err;
    if (decoders[stage] !== "inflate") throw notDecodable(coding, zlibFailures.get(stage) ?? err);
    zlibFailures.set(stage, err);
    decoders[stage] = "inflateRaw";
  }
}

/**
 * The decoded bytes of a body that measureDecoded accepted, as a stream that decodes only as fast
 * as it is read. Destroying it stops and frees every decoder.
 */
export function openDecoded(
  bytes: Buffer,
  codings: string[],
  body: MeasuredBody,
  maxBytes = MAX_DECODED_BYTES,
): Readable {
  const { head, tail } = decoderChain(codings, body.decoders, maxBytes, () => {});
  head.end(bytes);
  return tail;
}

type CountOutcome = { length: number } | { stage: number; err: unknown };

function countDecoded(bytes: Buffer, codings: string[], decoders: Decoder[], maxBytes: number): Promise<CountOutcome> {
  return new Promise((resolve) => {
    let length = 0;
    const { head, tail } = decoderChain(codings, decoders, maxBytes, (stage, err) => resolve({ stage, err }));
    const discard = new Writable({
      highWaterMark: DECODE_CHUNK_BYTES,
      write(chunk: Buffer, _encoding, done) {
        length += chunk.length;
        done();
      },
    });
    pipeline(tail, discard, (err) => {
      if (!err) resolve({ length });
    });
    head.end(bytes);
  });
}

/**
 * One decoder per coding, last applied first, each followed by a check of what it produced
 * against `maxBytes`. `onError` hears the first failure and the stage (index in `codings`) it
 * came from; the whole chain is destroyed with it.
 */
function decoderChain(
  codings: string[],
  decoders: Decoder[],
  maxBytes: number,
  onError: (stage: number, err: unknown) => void,
): { head: Transform; tail: Transform } {
  let failed = false;
  const streams: Transform[] = [];
  for (let stage = codings.length - 1; stage >= 0; stage--) {
    const coding = codings[stage] as string;
    const report = (err: unknown) => {
      if (failed) return;
      failed = true;
      onError(stage, err);
    };
    const decoder = createDecoder[decoders[stage] as Decoder]();
    const limit = outputLimit(coding, maxBytes);
    decoder.once("error", report);
    limit.once("error", report);
    streams.push(decoder, limit);
  }
  const [head, ...rest] = streams as [Transform, ...Transform[]];
  if (rest.length > 0) pipeline(head, ...(rest as [Transform, ...Transform[]]), () => {});
  return { head, tail: streams.at(-1) as Transform };
}

/** Passes a stage's output on, failing once it passes maxBytes. */
function outputLimit(coding: string, maxBytes: number): Transform {
  let total = 0;
  return new Transform({
    highWaterMark: DECODE_CHUNK_BYTES,
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > maxBytes) done(tooLarge(coding, maxBytes));
      else done(null, chunk);
    },
  });
}

/** The `decode` query parameter: "1" or "true" asks for decoding; absent or "0"/"false" does not. */
export function parseDecodeParam(params: URLSearchParams): boolean {
  const value = params.get("decode");
  if (value === null || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new ApiError("validation_failed", `decode must be 1 or 0; got "${value.slice(0, 40)}".`);
}

function tooLarge(coding: string, maxBytes: number): ApiError {
  return new ApiError(
    "body_not_decodable",
    `Decoded from ${coding}, the body would be larger than ${sizeText(maxBytes)}, the most this server decodes. ` +
      "Download it without decode=1 and decode it locally.",
  );
}

function notDecodable(coding: string, err: unknown): ApiError {
  const reason = err instanceof Error ? err.message : String(err);
  return new ApiError(
    "body_not_decodable",
    `The body is not valid ${coding} data (${reason}). Download it without decode=1 to get the bytes as stored.`,
  );
}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
