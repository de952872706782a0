// Commits a batch of captures in one SQLite transaction. This is the one place that writes
// captured requests with plain SQL (for speed); Prisma owns the tables it writes to.

import { isUtf8 } from "node:buffer";
import type Database from "better-sqlite3";
import { MAX_TEXT_BYTES } from "../body/detect.ts";
import { log } from "../log.ts";
import { toPairs } from "./headers.ts";
import type { CaptureRow, WriteResult } from "./writer-protocol.ts";

export function openCaptureDatabase(
  DatabaseCtor: typeof Database,
  file: string,
  synchronous: "normal" | "full",
  busyTimeoutMs = 5000,
): Database.Database {
  const db = new DatabaseCtor(file, { fileMustExist: true, timeout: busyTimeoutMs });
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
  db.pragma("foreign_keys = ON");
  // Checkpoint every ~40 MB of WAL rather than every ~4 MB: hot pages (the bin's row, the index
  // roots) are copied back once per checkpoint, and the benchmark's capture rate rose by ~20 %.
  db.pragma("wal_autocheckpoint = 10000");
  return db;
}

export function createBatchWriter(db: Database.Database, maxRequestsPerBin: number) {
  const getBin = db.prepare<[string], { nextSeq: number; requestCount: number }>(
    "SELECT nextSeq, requestCount FROM Bin WHERE id = ?",
  );
  const insert = db.prepare(
    `INSERT INTO CapturedRequest
       (id, binId, seq, method, url, path, query, httpVersion, headers, contentType, bodySize, bodyText, body, ip, receivedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateBin = db.prepare("UPDATE Bin SET nextSeq = ?, requestCount = ?, lastRequestAt = ? WHERE id = ?");
  const dropOldest = db.prepare(
    "DELETE FROM CapturedRequest WHERE id IN (SELECT id FROM CapturedRequest WHERE binId = ? ORDER BY seq LIMIT ?)",
  );

  const commit = db.transaction((rows: CaptureRow[]): WriteResult[] => {
    const bins = new Map<string, { nextSeq: number; requestCount: number; lastAt: number } | null>();
    const results: WriteResult[] = [];
    for (const row of rows) {
      let bin = bins.get(row.binId);
      if (bin === undefined) {
        const found = getBin.get(row.binId);
        bin = found ? { nextSeq: found.nextSeq, requestCount: found.requestCount, lastAt: 0 } : null;
        bins.set(row.binId, bin);
      }
      if (bin === null) {
        results.push({ ok: false, code: "bin_not_found", message: "The bin was deleted." });
        continue;
      }
      const seq = bin.nextSeq++;
      bin.requestCount++;
      bin.lastAt = Math.max(bin.lastAt, row.receivedAt);
      const body = Buffer.from(row.body.buffer, row.body.byteOffset, row.body.byteLength);
      // Bodies up to MAX_TEXT_BYTES that are valid UTF-8 are stored as text, searchable; others as bytes.
      const asText = body.length <= MAX_TEXT_BYTES && isUtf8(body);
      insert.run(
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
        row.receivedAt,
      );
      results.push({ ok: true, seq });
    }
    for (const [binId, bin] of bins) {
      if (!bin) continue;
      if (bin.requestCount > maxRequestsPerBin) {
        bin.requestCount -= dropOldest.run(binId, bin.requestCount - maxRequestsPerBin).changes;
      }
      updateBin.run(bin.nextSeq, bin.requestCount, bin.lastAt, binId);
    }
    return results;
  });

  /** Commits the rows; on a storage failure every row of the batch gets the same error. */
  return (rows: CaptureRow[]): WriteResult[] => {
    try {
      return commit.immediate(rows);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`capture batch of ${rows.length} not stored: ${message}`);
      return rows.map(() => ({
        ok: false as const,
        code: "storage_unavailable" as const,
        message: "The database is unavailable (full or locked); the request was not stored. Try again shortly.",
      }));
    }
  };
}
