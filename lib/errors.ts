// The one catalogue of API errors. Every error leaves the server as
// {"error":{"code","message"}} with the status listed here.

import { z } from "zod";
import type { Holds, SameShape } from "./api/same-shape.ts";
import { log } from "./log.ts";
import { recordStorageError } from "./metrics.ts";

export const errorCatalogue = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  invalid_cursor: 400,
  invalid_limit: 400,
  unsupported_method: 400,
  body_not_decodable: 400,
  invalid_url: 400,
  // POST /api/bins/{key}/import: the file is not a HAR this server can import; the message names the field.
  invalid_har: 400,
  target_refused: 400,
  // POST .../verify without a secret, for a scheme the bin has no saved secret for.
  signing_secret_not_saved: 400,
  bin_not_found: 404,
  request_not_found: 404,
  share_not_found: 404,
  not_found: 404,
  unauthorized: 401,
  forbidden_origin: 403,
  method_not_allowed: 405,
  request_timeout: 408,
  // GET /api/bins/{key}/requests/wait: no matching capture arrived within its timeout.
  wait_timeout: 408,
  body_too_large: 413,
  unsupported_media_type: 415,
  unknown_host: 421,
  misdirected_request: 421,
  headers_too_large: 431,
  rate_limited: 429,
  internal_error: 500,
  // A resend or forward attempt that got no answer: the resend answer's "error" (sent with 502).
  target_unreachable: 502,
  target_dns_failed: 502,
  target_tls_failed: 502,
  target_timeout: 502,
  target_bad_response: 502,
  storage_unavailable: 503,
  server_busy: 503,
  shutting_down: 503,
  forward_queue_full: 503,
  // An automatic forward not made: the capture came from a Hookscope resend or forward.
  forward_loop: 508,
  forward_taken_over: 409,
  // POST /api/bins/{key}/replay while another replay of the bin is running.
  replay_in_progress: 409,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** The error answer, its code one of the catalogue's. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
  }),
});

export type ErrorBodyMatchesSchema = Holds<SameShape<ErrorBody, z.infer<typeof errorBodySchema>>>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.status = errorCatalogue[code];
    this.headers = headers;
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** A bin looked up by its key (everything that opens a bin) or by its token (capture). */
export const binNotFound = (secret: string, by: "key" | "token" = "key") =>
  new ApiError("bin_not_found", `No bin with ${by} "${secret}". Create one with POST /api/bins.`);

export const requestNotFound = (id: string) =>
  new ApiError("request_not_found", `No captured request with id "${id}" in this bin.`);

export const shareNotFound = (id: string) =>
  new ApiError("share_not_found", `No share link with id "${id}". It may have been revoked.`);

/** Turns anything thrown into an ApiError; unexpected errors become a 500 that hides internals. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isStorageUnavailable(err)) {
    recordStorageError();
    return new ApiError("storage_unavailable", "The database is unavailable (full or locked). Try again shortly.");
  }
  log.error("unexpected error", err);
  return new ApiError("internal_error", "Something went wrong on the server. The error has been logged.");
}

/** SQLite's "disk full", "busy/locked" and I/O errors, as raised by better-sqlite3 or Prisma. */
export function isStorageUnavailable(err: unknown): boolean {
  const text = err instanceof Error ? `${(err as { code?: string }).code ?? ""} ${err.message}` : String(err);
  return /SQLITE_(FULL|BUSY|LOCKED|IOERR|CANTOPEN|READONLY)|database or disk is full|database is locked|disk I\/O error/i.test(
    text,
  );
}
