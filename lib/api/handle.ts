// The one shape of a route handler: errors thrown anywhere become the contract's JSON error.
import type { z } from "zod";
import { mediaTypeOf } from "../body/detect.ts";
import { getEnv } from "../env.ts";
import { ApiError, toApiError } from "../errors.ts";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      return errorResponse(toApiError(err));
    }
  };
}

export function errorResponse(err: ApiError): Response {
  return Response.json(err.toJSON(), { status: err.status, headers: err.headers });
}

/**
 * Reads and validates a JSON body. An empty body counts as {}. A body must say it is JSON: a page
 * on another site can send text/plain without asking first, never application/json.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const value = await readJsonValue(request, getEnv().MAX_API_BODY_BYTES, "MAX_API_BODY_BYTES");
  return validated(schema, value, "request body", "body");
}

/** A JSON body as a value, read no further than maxBytes (413 naming `setting` past it); empty is {}. */
export async function readJsonValue(request: Request, maxBytes: number, setting: string): Promise<unknown> {
  const text = await readLimited(request, maxBytes, setting);
  let value: unknown = {};
  if (text.trim() !== "") {
    if (!isJsonType(request.headers.get("content-type"))) {
      throw new ApiError(
        "unsupported_media_type",
        "Send the body as JSON with the header Content-Type: application/json.",
      );
    }
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_json", "The request body is not valid JSON.");
    }
  }
  return value;
}

/** Reads and validates the query string (each parameter's first value). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  return validated(schema, Object.fromEntries([...params.keys()].map((k) => [k, params.get(k)])), "query", "query");
}

function validated<S extends z.ZodType>(schema: S, value: unknown, what: string, root: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.length ? i.path.join(".") : root}: ${i.message}`)
      .join("; ");
    throw new ApiError("validation_failed", `Invalid ${what}: ${detail}`);
  }
  return parsed.data;
}

const apiBodyTooLarge = (max: number, setting: string) =>
  new ApiError("body_too_large", `The request body is larger than this endpoint accepts (${max} bytes, ${setting}).`);

function isJsonType(contentType: string | null): boolean {
  const type = mediaTypeOf(contentType);
  return type === "application/json" || (type?.startsWith("application/") === true && type.endsWith("+json"));
}

/** The body as text, read no further than maxBytes (413 past it). */
async function readLimited(request: Request, maxBytes: number, setting: string): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw apiBodyTooLarge(maxBytes, setting);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await dropRest(reader, getEnv().REFUSED_BODY_DRAIN_BYTES);
      throw apiBodyTooLarge(maxBytes, setting);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

/**
 * Reads and drops what the sender still sends, up to maxBytes, before the 413 goes out: a sender
 * that writes its whole body before reading would otherwise see a reset instead of the answer.
 */
async function dropRest(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): Promise<void> {
  let left = maxBytes;
  while (left >= 0) {
    const { done, value } = await reader.read();
    if (done) return;
    left -= value.byteLength;
  }
  await reader.cancel();
}

/** A route's answer to a method it does not serve: a JSON 405 naming the ones it does. */
export function methodNotAllowed(allow: string) {
  return async (request: Request): Promise<Response> => {
    const err = new ApiError("method_not_allowed", `${request.method} is not supported here; use ${allow}.`, {
      Allow: allow,
    });
    return errorResponse(err);
  };
}
