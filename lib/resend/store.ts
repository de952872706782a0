// Resend attempts: one stored row per attempt, failed or not, and the API shape of a row.
import { isUtf8 } from "node:buffer";
import type { HeaderPair } from "../capture/headers.ts";
import { getEnv } from "../env.ts";
import { newId } from "../ids.ts";
import { storage } from "../storage/index.ts";
import type { StoredAttempt } from "../storage/types.ts";
import type { SendResult } from "./send.ts";
import type { ResendItem } from "./types.ts";

/** What was (or would have been) sent. */
export interface AttemptRequest {
  url: string;
  method: string;
  headers: HeaderPair[];
}

/** A list answer holds at most this many attempts, the newest. */
const MAX_LISTED = 50;

/**
 * Stores one attempt and drops the request's oldest attempts past MAX_RESENDS_PER_REQUEST, so a
 * request resent or forwarded without end keeps a bounded history. Throws request_not_found when
 * the captured request no longer exists.
 */
export async function recordAttempt(
  requestId: string,
  request: AttemptRequest,
  outcome: SendResult,
  auto: boolean,
): Promise<ResendItem> {
  const row = await storage().recordAttempt(
    attemptRow(requestId, request, outcome, auto),
    getEnv().MAX_RESENDS_PER_REQUEST,
  );
  return toResendItem(row);
}

function attemptRow(requestId: string, request: AttemptRequest, outcome: SendResult, auto: boolean): StoredAttempt {
  return {
    id: newId(),
    requestId,
    auto,
    url: request.url,
    method: request.method,
    sentHeaders: JSON.stringify(request.headers),
    status: outcome.ok ? outcome.status : null,
    responseHeaders: outcome.ok ? JSON.stringify(outcome.headers) : null,
    responseBody: outcome.ok ? new Uint8Array(outcome.body) : null,
    bodyTruncated: outcome.ok && outcome.truncated,
    durationMs: outcome.durationMs,
    errorCode: outcome.ok ? null : outcome.error.code,
    errorMessage: outcome.ok ? null : outcome.error.message,
    createdAt: new Date(),
  };
}

/** The attempts of a request of the bin, newest first. Throws request_not_found. */
export async function listAttempts(binId: string, requestId: string): Promise<ResendItem[]> {
  const rows = await storage().listAttempts(binId, requestId, MAX_LISTED);
  return rows.map(toResendItem);
}

export function toResendItem(row: StoredAttempt): ResendItem {
  const answered = row.status !== null;
  return {
    id: row.id,
    status: row.status,
    headers: answered && row.responseHeaders ? (JSON.parse(row.responseHeaders) as HeaderPair[]) : null,
    ...bodyField(answered ? row.responseBody : null, row.bodyTruncated),
    bodyTruncated: row.bodyTruncated,
    durationMs: row.durationMs,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "" } : null,
    url: row.url,
    method: row.method,
    sentHeaders: JSON.parse(row.sentHeaders) as HeaderPair[],
    createdAt: row.createdAt.toISOString(),
    auto: row.auto,
  };
}

/** `body` for UTF-8 (a cut body may end inside a character: that tail is left out), else `bodyBase64`. */
function bodyField(bytes: Uint8Array | null, truncated: boolean): { body: string | null } | { bodyBase64: string } {
  if (bytes === null) return { body: null };
  const buf = Buffer.from(bytes);
  if (isUtf8(buf)) return { body: buf.toString("utf8") };
  if (truncated) {
    for (let cut = 1; cut <= 3 && cut <= buf.length; cut++) {
      const head = buf.subarray(0, buf.length - cut);
      if (isUtf8(head)) return { body: head.toString("utf8") };
    }
  }
  return { bodyBase64: buf.toString("base64") };
}
