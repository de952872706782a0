// Resends: send a captured request to a URL (with overrides), record every attempt, list them.
// Automatic forwarding (lib/forward/) goes through attemptAndRecord too.
import { getBinOrThrow } from "../bins/service.ts";
import { getEnv } from "../env.ts";
import { ApiError, requestNotFound } from "../errors.ts";
import { storage } from "../storage/index.ts";
import { type Overrides, prepareAttempt, type ResendSource } from "./attempt.ts";
import type { ResendInput } from "./schema.ts";
import { type SendOptions, sendRequest } from "./send.ts";
import { listAttempts, recordAttempt } from "./store.ts";
import type { ResendItem } from "./types.ts";

/** POST .../resend: sends and records one attempt. The item's error is set when there was no answer. */
export async function resendRequest(key: string, id: string, input: ResendInput): Promise<ResendItem> {
  const bin = await getBinOrThrow(key);
  const source = await loadSource(id, bin.id);
  if (!source) throw requestNotFound(id);
  const item = await attemptAndRecord(source, toOverrides(input), { auto: false });
  if (!item) throw requestNotFound(id);
  return item;
}

/** GET .../resends: the request's attempts, newest first. */
export async function listResends(key: string, id: string): Promise<ResendItem[]> {
  const bin = await getBinOrThrow(key);
  return listAttempts(bin.id, id);
}

/**
 * Prepares, sends and records one attempt. Throws an ApiError (400) when the url is invalid or
 * refused: nothing was sent. Returns null when the request was deleted while it was being sent.
 */
export async function attemptAndRecord(
  source: ResendSource,
  overrides: Overrides,
  options: { auto: boolean; signal?: AbortSignal },
): Promise<ResendItem | null> {
  const prepared = prepareAttempt(source, overrides);
  const result = await sendRequest(prepared, { ...sendOptions(), signal: options.signal });
  try {
    return await recordAttempt(source.id, prepared, result, options.auto);
  } catch (err) {
    if (err instanceof ApiError && err.code === "request_not_found") return null;
    throw err;
  }
}

/** A captured request as a resend source; null when it does not exist (in that bin, when given). */
export async function loadSource(id: string, binId?: string): Promise<ResendSource | null> {
  return storage().findSource(id, binId);
}

function sendOptions(): SendOptions {
  const env = getEnv();
  return {
    timeoutMs: env.RESEND_TIMEOUT_MS,
    maxResponseBytes: env.RESEND_MAX_RESPONSE_BYTES,
    allowPrivate: env.RESEND_ALLOW_PRIVATE,
  };
}

function toOverrides(input: ResendInput): Overrides {
  const overrides: Overrides = { url: input.url };
  if (input.method !== undefined) overrides.method = input.method;
  if (input.headers !== undefined) overrides.headers = input.headers;
  const body =
    input.body !== undefined
      ? Buffer.from(input.body, "utf8")
      : input.bodyBase64 !== undefined
        ? Buffer.from(input.bodyBase64, "base64")
        : undefined;
  if (body !== undefined) {
    const max = getEnv().MAX_BODY_BYTES;
    if (body.length > max) {
      throw new ApiError(
        "body_too_large",
        `The body is larger than this server accepts (MAX_BODY_BYTES=${max} bytes).`,
      );
    }
    overrides.body = body;
  }
  return overrides;
}
