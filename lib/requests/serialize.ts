// Turns stored rows into the API's summary and full-record shapes.
import type { HeaderPair } from "../capture/headers.ts";
import type { RequestRecord, RequestSummary } from "./types.ts";

/** A summary as stored: the API shape with the time as a Date. */
export type SummaryRow = Omit<RequestSummary, "receivedAt" | "importedAt"> & {
  receivedAt: Date;
  importedAt?: Date | null;
};

export interface RecordRow extends SummaryRow {
  url: string;
  httpVersion: string;
  headers: string;
  bodyText: string | null;
}

export function toSummary(row: SummaryRow): RequestSummary {
  const summary: RequestSummary = {
    id: row.id,
    seq: row.seq,
    method: row.method,
    path: row.path,
    query: row.query,
    contentType: row.contentType,
    bodySize: row.bodySize,
    ip: row.ip,
    receivedAt: row.receivedAt.toISOString(),
  };
  if (row.importedAt) summary.importedAt = row.importedAt.toISOString();
  return summary;
}

export function toRecord(row: RecordRow): RequestRecord {
  return {
    ...toSummary(row),
    url: row.url,
    httpVersion: row.httpVersion,
    headers: JSON.parse(row.headers) as HeaderPair[],
    bodyText: row.bodyText,
  };
}

/** The body bytes exactly as captured, from whichever column holds them; a blob is viewed, not copied. */
export function bodyBytes(row: { bodyText: string | null; body: Uint8Array | null }): Buffer {
  if (row.bodyText !== null) return Buffer.from(row.bodyText, "utf8");
  return row.body ? Buffer.from(row.body.buffer, row.body.byteOffset, row.body.byteLength) : Buffer.alloc(0);
}
