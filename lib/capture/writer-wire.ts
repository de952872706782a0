// Capture rows and their results as they cross to and from the SQLite writer thread: flat arrays
// of values instead of one object per row. postMessage clones an object key by key (writing every
// property name with every row, and building each object again on the other side) but copies a
// dense array of strings and numbers in one pass; on the capture path's profile the clone of row
// objects cost more than the answer's JSON.
import type { CaptureRow, WireResults, WireRows, WriteResult } from "./writer-protocol.ts";

/** Values per row in an encoded batch. */
const ROW_WIDTH = 15;
/** Values per result in an encoded reply. */
const RESULT_WIDTH = 4;

export function encodeRows(rows: readonly CaptureRow[]): WireRows {
  // Pushed, not written into a preallocated array: an array made with holes is cloned as a
  // sparse one, index by index.
  const out: unknown[] = [];
  for (const row of rows) {
    out.push(
      row.id,
      row.binId,
      row.token,
      row.method,
      row.url,
      row.path,
      row.query,
      row.httpVersion,
      row.rawHeaders,
      row.contentType,
      row.body,
      row.ip,
      row.receivedAt,
      row.answer,
      // undefined (the writer computes the key) is kept apart from null (no key).
      row.deliveryKey,
    );
  }
  return out;
}

export function decodeRows(wire: WireRows): CaptureRow[] {
  if (wire.length % ROW_WIDTH !== 0) throw new RangeError(`a batch of ${wire.length} values`);
  const rows: CaptureRow[] = [];
  for (let at = 0; at < wire.length; at += ROW_WIDTH) {
    const body = wire[at + 10] as Uint8Array;
    const row: CaptureRow = {
      id: wire[at] as string,
      binId: wire[at + 1] as string,
      token: wire[at + 2] as string,
      method: wire[at + 3] as string,
      url: wire[at + 4] as string,
      path: wire[at + 5] as string,
      query: wire[at + 6] as string,
      httpVersion: wire[at + 7] as string,
      rawHeaders: wire[at + 8] as string[],
      contentType: wire[at + 9] as string | null,
      body,
      bodySize: body.byteLength,
      ip: wire[at + 11] as string,
      receivedAt: wire[at + 12] as number,
      answer: wire[at + 13] as string | null,
    };
    const key = wire[at + 14] as string | null | undefined;
    if (key !== undefined) row.deliveryKey = key;
    rows.push(row);
  }
  return rows;
}

export function encodeResults(results: readonly WriteResult[]): WireResults {
  const out: unknown[] = [];
  for (const result of results) {
    // A string where a seq would be marks a refusal: its code, then its message.
    if (result.ok) out.push(result.seq, result.attempt, result.deliveryKey, result.forward);
    else out.push(result.code, result.message, null, undefined);
  }
  return out;
}

/** The result of the `index`th row of encodeResults(), or undefined past its end. */
export function decodeResult(wire: WireResults, index: number): WriteResult | undefined {
  const at = index * RESULT_WIDTH;
  if (at + RESULT_WIDTH > wire.length) return undefined;
  const first = wire[at];
  if (typeof first === "number") {
    const result: WriteResult = {
      ok: true,
      seq: first,
      attempt: wire[at + 1] as number,
      deliveryKey: wire[at + 2] as string | null,
    };
    const forward = wire[at + 3] as Extract<WriteResult, { ok: true }>["forward"];
    if (forward !== undefined) result.forward = forward;
    return result;
  }
  return {
    ok: false,
    code: first as Extract<WriteResult, { ok: false }>["code"],
    message: wire[at + 1] as string,
  };
}
