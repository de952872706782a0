// Turns stored rows into the API's summary and full-record shapes.
import type { HeaderPair } from "../capture/headers.ts";
import type { AnswerRecord } from "../rules/schema.ts";
import type { RequestRecord, RequestSummary } from "./types.ts";

/** A summary as stored: the API shape with the time as a Date and the answer as its JSON text. */
export type SummaryRow = Omit<RequestSummary, "receivedAt" | "answer" | "importedAt"> & {
  receivedAt: Date;
  answer: string | null;
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
    deliveryKey: row.deliveryKey,
    attempt: row.attempt,
    answer: parseAnswer(row.answer),
  };
  if (row.importedAt) summary.importedAt = row.importedAt.toISOString();
  return summary;
}

const FAILURES: readonly AnswerRecord["failure"][] = ["status", "rate-limit", "timeout", "drop", null];
const stringOrNull = (v: unknown) => v === null || typeof v === "string";

/** The stored answer JSON as an AnswerRecord; null when there is none or it cannot be read as one. */
export function parseAnswer(text: string | null): AnswerRecord | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { ruleId, ruleName, status, failure } = value as Record<string, unknown>;
  const statusOk = status === null || (typeof status === "number" && Number.isInteger(status));
  if (!stringOrNull(ruleId) || !stringOrNull(ruleName) || !statusOk) return null;
  if (!FAILURES.includes(failure as AnswerRecord["failure"])) return null;
  return {
    ruleId: ruleId as string | null,
    ruleName: ruleName as string | null,
    status: status as number | null,
    failure: failure as AnswerRecord["failure"],
  };
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
