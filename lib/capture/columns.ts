// The columns of a captured request as both capture writers insert them (lib/capture/sqlite-batch.ts,
// lib/storage/postgres/capture-writer.ts), in the order of CapturedRequest's INSERT, receivedAt
// last and left to each writer (SQLite stores milliseconds, PostgreSQL a timestamp).
import { isUtf8 } from "node:buffer";
import { MAX_TEXT_BYTES } from "../body/detect.ts";
import { toPairs } from "./headers.ts";
import type { CaptureRow } from "./writer-protocol.ts";

/**
 * id … ip, deliveryKey, attempt, answer. Bodies up to MAX_TEXT_BYTES that are valid UTF-8 are stored as text, searchable; others
 * as bytes. Where text cannot hold a NUL character (PostgreSQL), a body with a zero byte is bytes.
 */
export function captureColumns(row: CaptureRow, seq: number, attempt: number, textHoldsNul: boolean): unknown[] {
  const body = Buffer.from(row.body.buffer, row.body.byteOffset, row.body.byteLength);
  const asText = body.length <= MAX_TEXT_BYTES && isUtf8(body) && (textHoldsNul || !body.includes(0));
  return [
    row.id,
    row.binId,
    seq,
    row.method,
    row.url,
    row.path,
    row.query,
    row.httpVersion,
    JSON.stringify(toPairs(row.rawHeaders)),
    row.contentType,
    body.length,
    asText ? body.toString("utf8") : null,
    asText ? null : body,
    row.ip,
    row.deliveryKey ?? null,
    attempt,
    row.answer,
  ];
}
