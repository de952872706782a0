// Commits a batch of captures in one SQLite transaction. This is the one place that writes
// captured requests with plain SQL (for speed); Prisma owns the tables it writes to.

import type Database from "better-sqlite3";
import { rowDeliveryKey } from "../deliveries/key.ts";
import { admitForwards, needsLongest, type OutboxState } from "../forward/admission.ts";
import { log } from "../log.ts";
import { HOP_HEADER } from "../resend/outgoing-headers.mjs";
import { captureColumns } from "./columns.ts";
import { firstHeader } from "./headers.ts";
import type { CaptureLimits, CaptureRow, EvictedForward, WriteResult } from "./writer-protocol.ts";

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

interface BinState {
  token: string;
  nextSeq: number;
  requestCount: number;
  lastAt: number;
  forwardUrl: string | null;
  /** This batch's captures of the bin, by index in the batch, when the bin forwards. */
  forwarding: { index: number; row: CaptureRow; seq: number }[];
}

export function createBatchWriter(db: Database.Database, limits: CaptureLimits) {
  const { maxRequestsPerBin } = limits;
  const getBin = db.prepare<
    [string],
    { token: string; nextSeq: number; requestCount: number; forwardUrl: string | null }
  >("SELECT token, nextSeq, requestCount, forwardUrl FROM Bin WHERE id = ?");
  const insert = db.prepare(
    `INSERT INTO CapturedRequest
       (id, binId, seq, method, url, path, query, httpVersion, headers, contentType, bodySize, bodyText, body, ip,
        deliveryKey, attempt, answer, receivedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The key's latest delivery, one step down the (binId, deliveryKey, seq) index whatever the
  // number of deliveries (counting them would grow with every capture of an often-sent body);
  // rows inserted earlier in the batch are seen too.
  const lastAttempt = db
    .prepare<[string, string], number>(
      "SELECT attempt FROM CapturedRequest WHERE binId = ? AND deliveryKey = ? ORDER BY seq DESC LIMIT 1",
    )
    .pluck();
  const updateBin = db.prepare("UPDATE Bin SET nextSeq = ?, requestCount = ?, lastRequestAt = ? WHERE id = ?");
  const dropOldest = db.prepare(
    "DELETE FROM CapturedRequest WHERE id IN (SELECT id FROM CapturedRequest WHERE binId = ? ORDER BY seq LIMIT ?)",
  );

  const queueForwards = outboxStatements(db, limits);

  const commit = db.transaction((rows: CaptureRow[]): WriteResult[] => {
    const bins = new Map<string, BinState | null>();
    const results: WriteResult[] = [];
    for (const row of rows) {
      let bin = bins.get(row.binId);
      if (bin === undefined) {
        const found = getBin.get(row.binId);
        bin = found ? { ...found, lastAt: 0, forwarding: [] } : null;
        bins.set(row.binId, bin);
      }
      if (bin === null || bin.token !== row.token) {
        // Deleted, or its token was rotated since the capture looked it up: the old URL is dead.
        results.push({ ok: false, code: "bin_not_found", message: "The bin was deleted or its capture URL changed." });
        continue;
      }
      const seq = bin.nextSeq++;
      bin.requestCount++;
      bin.lastAt = Math.max(bin.lastAt, row.receivedAt);
      const key = rowDeliveryKey(row);
      row.deliveryKey = key;
      const attempt = key === null ? 1 : 1 + (lastAttempt.get(row.binId, key) ?? 0);
      insert.run(...captureColumns(row, seq, attempt, true), row.receivedAt);
      if (bin.forwardUrl !== null) bin.forwarding.push({ index: results.length, row, seq });
      results.push({ ok: true, seq, attempt, deliveryKey: key });
    }
    for (const [binId, bin] of bins) {
      if (!bin) continue;
      // Before the oldest are dropped: a capture dropped at once takes its outbox entry with it.
      if (bin.forwardUrl !== null) queueForwards(binId, bin.forwardUrl, bin.forwarding, results);
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

/**
 * The outbox side of a commit: a forwarding bin's captures enter ForwardJob in the capture's own
 * transaction, within the bounds (lib/forward/admission.ts); each result says what became of it.
 */
function outboxStatements(db: Database.Database, limits: CaptureLimits) {
  const countBin = db.prepare<[string], number>("SELECT count(*) FROM ForwardJob WHERE binId = ?").pluck();
  const countAll = db.prepare<[], number>("SELECT count(*) FROM ForwardJob").pluck();
  const longestLane = db.prepare<[], { binId: string; count: number }>(
    "SELECT binId, count(*) AS count FROM ForwardJob GROUP BY binId ORDER BY count DESC LIMIT 1",
  );
  const insertJob = db.prepare("INSERT INTO ForwardJob (requestId, binId, seq, availableAt) VALUES (?, ?, ?, ?)");
  // The newest of a lane longer than one is never the one being forwarded.
  const newestWaiting = db.prepare<[string], EvictedForward & { url: string | null }>(
    `SELECT j.requestId, j.binId, r.method, b.forwardUrl AS url FROM ForwardJob j
       JOIN CapturedRequest r ON r.id = j.requestId JOIN Bin b ON b.id = j.binId
     WHERE j.binId = ? AND j.claimedBy IS NULL ORDER BY j.seq DESC LIMIT 1`,
  );
  const deleteJob = db.prepare("DELETE FROM ForwardJob WHERE requestId = ?");

  return (
    binId: string,
    url: string,
    captures: { index: number; row: CaptureRow; seq: number }[],
    results: WriteResult[],
  ): void => {
    const hops = captures.map((c) => firstHeader(c.row.rawHeaders, HOP_HEADER) !== null);
    const candidates = hops.filter((hop) => !hop).length;
    let state: OutboxState | null = null;
    if (candidates > 0) {
      const total = countAll.get() ?? 0;
      state = {
        binCount: countBin.get(binId) ?? 0,
        total,
        perBin: limits.forwardQueuePerBin,
        max: limits.forwardQueueMax,
        longest: null,
      };
      if (needsLongest(state, candidates)) state.longest = longestLane.get() ?? null;
    }
    const verdicts = state ? admitForwards(binId, hops, state) : hops.map(() => "loop" as const);
    captures.forEach(({ index, row, seq }, i) => {
      const admission = verdicts[i] ?? "queue_full";
      const result = results[index];
      if (!result?.ok) return;
      let evicted: EvictedForward | undefined;
      if (admission === "evict" && state?.longest) {
        const victim = newestWaiting.get(state.longest.binId);
        if (victim) {
          deleteJob.run(victim.requestId);
          evicted = { ...victim, url: victim.url ?? "" };
        }
      }
      if (admission === "queued" || admission === "evict") insertJob.run(row.id, binId, seq, row.receivedAt);
      result.forward = evicted ? { url, admission, evicted } : { url, admission };
    });
  };
}
