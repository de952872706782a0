// Group commit for captures on PostgreSQL, on `pg` directly (Prisma costs too much per row here):
// rows gathered during one event-loop turn are committed in one transaction, and a capture's
// promise resolves only after that commit. One batch is committed at a time; captures that
// arrive meanwhile form the next batch.
//
// seq comes from the bin's counter row, incremented in the same transaction as the inserts
// (UPDATE ... RETURNING): the row stays locked until commit, so with any number of writers (in
// this process or other instances) each bin's seqs are handed out in commit order, with no gap
// and never twice. Bins are locked in id order, so two batches never wait on each other in a
// cycle; a deadlock with another statement is retried.
import pg from "pg";
import { captureColumns } from "../../capture/columns.ts";
import { firstHeader } from "../../capture/headers.ts";
import type { CaptureLimits, CaptureRow, EvictedForward, WriteResult } from "../../capture/writer-protocol.ts";
import { rowDeliveryKey } from "../../deliveries/key.ts";
import { captureNotices, LIVE_CHANNEL } from "../../events/postgres-bus.ts";
import { admitForwards, needsLongest, type OutboxState } from "../../forward/admission.ts";
import { log } from "../../log.ts";
import { HOP_HEADER } from "../../resend/outgoing-headers.mjs";
import type { CaptureWriter } from "../types.ts";
import { type PostgresOptions, sessionOptions } from "./client.ts";
import { isPostgresUnavailable } from "./errors.ts";
import { poolConfig } from "./pool-config.ts";

export interface PostgresWriterOptions extends Omit<PostgresOptions, "poolSize">, CaptureLimits {
  /** Identifies this process in the live-event notices each commit sends (lib/events/postgres-bus.ts). */
  origin: string;
}

interface Pending {
  row: CaptureRow;
  resolve: (result: WriteResult) => void;
}

const COLUMNS = `"id", "binId", "seq", "method", "url", "path", "query", "httpVersion", "headers", "contentType", "bodySize", "bodyText", "body", "ip", "deliveryKey", "attempt", "answer", "receivedAt"`;
/**
 * The batch's rows and the live notices, in one statement run once the bins are locked
 * (CLAIM_SEQS): its snapshot then holds every capture committed before, and no other transaction
 * adds to the bins before this one commits. A row with a delivery key is numbered 1 + its bin's
 * latest delivery of that key (one step down the (binId, deliveryKey, seq) index whatever the number
 * of deliveries; counting them would grow with every capture of an often-sent body) + its place
 * among the batch's rows with that key. The notices (pg_notify) are sent with the commit, so other
 * instances' streams are woken up only once the rows are there; the WHERE clause is what makes
 * their CTE run.
 */
const INSERT = `WITH notified AS (SELECT count(pg_notify($18, n)) AS sent FROM unnest($19::text[]) AS n),
  u AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::bytea[], $14::text[], $15::text[],
      $16::text[], $17::timestamptz[])
      AS u("id", "binId", "seq", "method", "url", "path", "query", "httpVersion", "headers", "contentType",
        "bodySize", "bodyText", "body", "ip", "deliveryKey", "answer", "receivedAt")
  ),
  latest AS (
    SELECT k."binId", k."deliveryKey", last."attempt"
    FROM (SELECT DISTINCT "binId", "deliveryKey" FROM u WHERE "deliveryKey" IS NOT NULL) k
    CROSS JOIN LATERAL (
      SELECT r."attempt" FROM "CapturedRequest" r
       WHERE r."binId" = k."binId" AND r."deliveryKey" = k."deliveryKey"
       ORDER BY r."seq" DESC LIMIT 1
    ) last
  )
  INSERT INTO "CapturedRequest" (${COLUMNS})
  SELECT u."id", u."binId", u."seq", u."method", u."url", u."path", u."query", u."httpVersion", u."headers",
    u."contentType", u."bodySize", u."bodyText", u."body", u."ip", u."deliveryKey",
    CASE WHEN u."deliveryKey" IS NULL THEN 1
      ELSE coalesce(latest."attempt", 0)
        + row_number() OVER (PARTITION BY u."binId", u."deliveryKey" ORDER BY u."seq") END,
    u."answer", u."receivedAt"
  FROM u LEFT JOIN latest ON latest."binId" = u."binId" AND latest."deliveryKey" = u."deliveryKey"
  WHERE (SELECT sent FROM notified) >= 0
  RETURNING "id", "attempt"`;
const CLAIM_SEQS = `UPDATE "Bin" SET "nextSeq" = "nextSeq" + $2, "requestCount" = "requestCount" + $2,
    "lastRequestAt" = GREATEST("lastRequestAt", $3::timestamptz)
  WHERE "id" = $1 AND "token" = $4 RETURNING "nextSeq" - $2 AS "first", "requestCount", "forwardUrl"`;
const DROP_OLDEST = `DELETE FROM "CapturedRequest" WHERE "id" IN
  (SELECT "id" FROM "CapturedRequest" WHERE "binId" = $1 ORDER BY "seq" LIMIT $2)`;
const UNCOUNT = `UPDATE "Bin" SET "requestCount" = "requestCount" - $2 WHERE "id" = $1`;
// The outbox (lib/forward/admission.ts): a forwarding bin's captures, in the capture's transaction.
const COUNT_BIN_JOBS = `SELECT count(*)::int AS n FROM "ForwardJob" WHERE "binId" = $1`;
const COUNT_JOBS = `SELECT count(*)::int AS n FROM "ForwardJob"`;
const LONGEST_LANE = `SELECT "binId", count(*)::int AS count FROM "ForwardJob" GROUP BY "binId" ORDER BY count DESC LIMIT 1`;
const INSERT_JOBS = `INSERT INTO "ForwardJob" ("requestId", "binId", "seq", "availableAt")
  SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[])`;
// The newest of a lane longer than one is never the one being forwarded.
const EVICT_NEWEST = `DELETE FROM "ForwardJob" j WHERE j."requestId" =
    (SELECT "requestId" FROM "ForwardJob" WHERE "binId" = $1 AND "claimedBy" IS NULL ORDER BY "seq" DESC LIMIT 1)
  RETURNING j."requestId", j."binId",
    (SELECT "method" FROM "CapturedRequest" WHERE "id" = j."requestId") AS "method",
    (SELECT "forwardUrl" FROM "Bin" WHERE "id" = j."binId") AS "url"`;

/** Where captureColumns puts the attempt, which INSERT numbers itself. */
const ATTEMPT_COLUMN = 15;

/**
 * A statement the commit runs every time, prepared once per connection: the database parses and
 * plans it once instead of on every commit.
 */
function prepared(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name, text, values };
}

/** Deadlock and serialization failures: the transaction was rolled back and may simply be run again. */
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;

const notStored = (message: string): WriteResult => ({ ok: false, code: "storage_unavailable", message });

export class PostgresCaptureWriter implements CaptureWriter {
  #pool: pg.Pool;
  #queue: Pending[] = [];
  #committing: Pending[] = [];
  #scheduled = false;
  #closing: Promise<void> | null = null;
  #idleWaiters: (() => void)[] = [];

  constructor(readonly options: PostgresWriterOptions) {
    // One connection commits; a second lets a broken one be replaced without waiting.
    this.#pool = new pg.Pool(poolConfig(options.url, { max: 2, options: sessionOptions(options) }));
    this.#pool.on("error", (err) => log.error(`capture writer connection failed: ${err.message}`));
  }

  /** Resolves once the database answers. */
  async ready(): Promise<void> {
    await this.#pool.query("SELECT 1");
  }

  write(row: CaptureRow): Promise<WriteResult> {
    if (this.#closing) return Promise.resolve(notStored("The server is shutting down."));
    return new Promise((resolve) => {
      this.#queue.push({ row, resolve });
      this.#schedule();
    });
  }

  get pending(): number {
    return this.#queue.length + this.#committing.length;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.pending > 0) await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
      await this.#pool.end();
    })();
    return this.#closing;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#committing.length > 0 || this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    this.#committing = batch;
    const results = await this.#commitWithRetry(batch.map((p) => p.row));
    this.#committing = [];
    batch.forEach((p, i) => {
      p.resolve(results[i] ?? notStored("No result from the writer."));
    });
    if (this.#queue.length > 0) void this.#flush();
    else this.#notifyIdle();
  }

  async #commitWithRetry(rows: CaptureRow[]): Promise<WriteResult[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#commit(rows);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < ATTEMPTS) continue;
        const message = err instanceof Error ? err.message : String(err);
        log.error(`capture batch of ${rows.length} not stored: ${message}`);
        const why = isPostgresUnavailable(err)
          ? "The database is unavailable (unreachable, full or busy); the request was not stored. Try again shortly."
          : "The request could not be stored.";
        return rows.map(() => notStored(why));
      }
    }
  }

  async #commit(rows: CaptureRow[]): Promise<WriteResult[]> {
    for (const row of rows) row.deliveryKey = rowDeliveryKey(row);
    // Grouped by bin and the token it was looked up by: a row whose token was rotated since finds
    // no bin to update (the rotation's row lock makes this wait for, then see, its commit).
    const byBin = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const group = `${row.binId}\n${row.token}`;
      const indexes = byBin.get(group);
      if (indexes) indexes.push(i);
      else byBin.set(group, [i]);
    });
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const results: WriteResult[] = rows.map(() => ({
        ok: false,
        code: "bin_not_found",
        message: "The bin was deleted or its capture URL changed.",
      }));
      const seqs: number[] = [];
      const counts = new Map<string, number>();
      const forwarding = new Map<string, string>();
      for (const group of [...byBin.keys()].sort()) {
        const indexes = byBin.get(group) ?? [];
        const [binId = "", token] = group.split("\n");
        const lastAt = Math.max(...indexes.map((i) => rows[i]?.receivedAt ?? 0));
        const { rows: found } = await client.query<{
          first: number;
          requestCount: number;
          forwardUrl: string | null;
        }>(prepared("capture-claim-seqs", CLAIM_SEQS, [binId, indexes.length, new Date(lastAt).toISOString(), token]));
        const bin = found[0];
        if (!bin) continue;
        counts.set(binId, bin.requestCount);
        if (bin.forwardUrl !== null) forwarding.set(binId, bin.forwardUrl);
        indexes.forEach((rowIndex, k) => {
          seqs[rowIndex] = bin.first + k;
        });
      }
      const stored = rows.flatMap((row, i) => {
        const seq = seqs[i];
        return seq === undefined ? [] : [{ row, seq }];
      });
      const newest = new Map<string, number>();
      for (const { row, seq } of stored) newest.set(row.binId, Math.max(seq, newest.get(row.binId) ?? 0));
      const attempts = new Map<string, number>();
      if (stored.length > 0) {
        const notices = captureNotices(this.options.origin, newest);
        const inserted = await client.query<{ id: string; attempt: number }>(
          prepared("capture-insert", INSERT, [...columnsOf(stored), LIVE_CHANNEL, notices]),
        );
        for (const { id, attempt } of inserted.rows) attempts.set(id, attempt);
      }
      rows.forEach((row, i) => {
        const seq = seqs[i];
        if (seq !== undefined) {
          results[i] = { ok: true, seq, attempt: attempts.get(row.id) ?? 1, deliveryKey: row.deliveryKey ?? null };
        }
      });
      // Before the oldest are dropped: a capture dropped at once takes its outbox entry with it.
      if (forwarding.size > 0) await this.#queueForwards(client, rows, seqs, results, forwarding);
      for (const [binId, count] of counts) {
        if (count <= this.options.maxRequestsPerBin) continue;
        const dropped = await client.query(DROP_OLDEST, [binId, count - this.options.maxRequestsPerBin]);
        if (dropped.rowCount) await client.query(UNCOUNT, [binId, dropped.rowCount]);
      }
      await client.query("COMMIT");
      return results;
    } catch (err) {
      await client.query("ROLLBACK").catch((rollbackErr: Error) => {
        broken = rollbackErr;
      });
      throw err;
    } finally {
      // A connection that could not even roll back is closed rather than reused.
      client.release(broken);
    }
  }

  /** Enters the captures of forwarding bins in the outbox; each result says what became of it. */
  async #queueForwards(
    client: pg.PoolClient,
    rows: CaptureRow[],
    seqs: number[],
    results: WriteResult[],
    forwarding: Map<string, string>,
  ): Promise<void> {
    const count = async (sql: string, params: unknown[] = []) =>
      (await client.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
    let total: number | null = null;
    const jobs: unknown[][] = [[], [], [], []];
    for (const [binId, url] of forwarding) {
      const indexes = rows.flatMap((row, i) => (row.binId === binId && seqs[i] !== undefined ? [i] : []));
      const hops = indexes.map((i) => firstHeader(rows[i]?.rawHeaders ?? [], HOP_HEADER) !== null);
      const candidates = hops.filter((hop) => !hop).length;
      let state: OutboxState | null = null;
      if (candidates > 0) {
        total ??= await count(COUNT_JOBS);
        state = {
          binCount: await count(COUNT_BIN_JOBS, [binId]),
          total,
          perBin: this.options.forwardQueuePerBin,
          max: this.options.forwardQueueMax,
          longest: null,
        };
        if (needsLongest(state, candidates)) {
          state.longest = (await client.query<{ binId: string; count: number }>(LONGEST_LANE)).rows[0] ?? null;
        }
      }
      const verdicts = state ? admitForwards(binId, hops, state) : hops.map(() => "loop" as const);
      if (state) total = state.total;
      for (const [k, i] of indexes.entries()) {
        const admission = verdicts[k] ?? "queue_full";
        const result = results[i];
        const row = rows[i];
        if (!result?.ok || !row) continue;
        let evicted: EvictedForward | undefined;
        if (admission === "evict" && state?.longest) {
          const victim = (
            await client.query<EvictedForward & { url: string | null }>(EVICT_NEWEST, [state.longest.binId])
          ).rows[0];
          if (victim) evicted = { ...victim, url: victim.url ?? "" };
        }
        if (admission === "queued" || admission === "evict") {
          [row.id, binId, seqs[i], row.receivedAt].forEach((v, c) => {
            jobs[c]?.push(v);
          });
        }
        result.forward = evicted ? { url, admission, evicted } : { url, admission };
      }
    }
    if ((jobs[0]?.length ?? 0) > 0) await client.query(INSERT_JOBS, jobs);
  }

  #notifyIdle(): void {
    if (this.pending !== 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }
}

/** The rows as one array per column, in the order of INSERT's unnest (the attempt is numbered there). */
function columnsOf(stored: { row: CaptureRow; seq: number }[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 17 }, () => []);
  for (const { row, seq } of stored) {
    // PostgreSQL's text cannot hold a NUL character: such a body is stored as bytes.
    const values = captureColumns(row, seq, 0, false);
    values.splice(ATTEMPT_COLUMN, 1);
    values.push(new Date(row.receivedAt).toISOString());
    values.forEach((v, c) => {
      columns[c]?.push(v);
    });
  }
  return columns;
}
