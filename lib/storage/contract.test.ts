// The Storage contract (lib/storage/types.ts), run against every implementation: each test on a
// fresh database, captures stored through the implementation's own capture writer, and time given
// as parameters (a fake clock), never read from the wall.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../tests/support/postgres.ts";
import type { CaptureRow, ForwardOutcome, WriteResult } from "../capture/writer-protocol.ts";
import { applyMigrations } from "../db/migrate.ts";
import { applyPostgresMigrations } from "../db/migrate-postgres.ts";
import { ApiError } from "../errors.ts";
import { newId, newToken } from "../ids.ts";
import { openPostgresClient } from "./postgres/client.ts";
import { createPostgresServer } from "./postgres/server.ts";
import { createPostgresStorage } from "./postgres/storage.ts";
import { openClient } from "./sqlite/client.ts";
import { createSqliteServer } from "./sqlite/server.ts";
import { createSqliteStorage } from "./sqlite/storage.ts";
import type {
  CaptureWriter,
  ImportedRequest,
  RequestFilter,
  SeqWindow,
  Storage,
  StorageServer,
  StoredAttempt,
  StoredBin,
} from "./types.ts";

interface Opened {
  storage: Storage;
  server: StorageServer;
  /** Makes the database refuse writes until the returned function is called. */
  lockOut(): Promise<() => Promise<void>>;
  /** Removes what open() created. */
  dispose(): Promise<void>;
}

interface Backend {
  name: string;
  /**
   * Whether a text body may hold a NUL character. PostgreSQL's text cannot, so there such a body
   * is stored (exactly) as bytes, and, like any body stored as bytes, is not searched.
   */
  nulInText: boolean;
  /** Whether several capture writers may write to one database at once (PostgreSQL's instances). */
  severalWriters: boolean;
  setUp(): Promise<void>;
  open(): Promise<Opened>;
  tearDown(): Promise<void>;
}

/** SQLite: migrations applied once to a template that each test copies. */
function sqliteBackend(): Backend {
  let dir = "";
  let template = "";
  return {
    name: "SQLite",
    nulInText: true,
    severalWriters: false,
    setUp: async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookscope-contract-"));
      template = path.join(dir, "template.db");
      await applyMigrations(template);
    },
    open: async () => {
      const file = path.join(fs.mkdtempSync(path.join(dir, "test-")), "storage.db");
      fs.copyFileSync(template, file);
      // A short busy timeout, so that a locked database is reported at once.
      const storage = createSqliteStorage(openClient(file, 50));
      return {
        storage,
        server: createSqliteServer({ file, synchronous: "normal", busyTimeoutMs: 50 }),
        lockOut: async () => {
          const holder = new Database(file);
          holder.exec("BEGIN EXCLUSIVE");
          return async () => {
            holder.exec("ROLLBACK");
            holder.close();
          };
        },
        dispose: () => storage.close(),
      };
    },
    tearDown: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * PostgreSQL, on the cluster of tests/support/postgres.ts: migrations applied once to a template
 * database that each test's database is created from.
 */
/** DB_BUSY_TIMEOUT_MS's default. */
const WRITER_LOCK_TIMEOUT_MS = 5000;

function postgresBackend(): Backend {
  let template = "";
  const timeouts = { lockTimeoutMs: 50, statementTimeoutMs: 10_000 };
  return {
    name: "PostgreSQL",
    nulInText: false,
    severalWriters: true,
    setUp: async () => {
      template = await createDatabase(inject("postgresUrl"));
      await applyPostgresMigrations(template);
    },
    open: async () => {
      const url = await createDatabase(inject("postgresUrl"), new URL(template).pathname.slice(1));
      // A short lock timeout, so that a locked table is reported at once.
      const storage = createPostgresStorage(openPostgresClient({ url, poolSize: 4, ...timeouts }));
      return {
        storage,
        // The capture writers wait for a bin's lock as long as in production (DB_BUSY_TIMEOUT_MS):
        // two writers on one bin take turns holding it for a whole commit, which on a loaded
        // machine can last longer than the short timeout above.
        server: createPostgresServer({ url, ...timeouts, lockTimeoutMs: WRITER_LOCK_TIMEOUT_MS }),
        lockOut: async () => {
          const holder = new pg.Client({ connectionString: url });
          await holder.connect();
          await holder.query(`BEGIN; LOCK TABLE "Bin", "CapturedRequest" IN ACCESS EXCLUSIVE MODE`);
          return async () => {
            await holder.query("ROLLBACK");
            await holder.end();
          };
        },
        dispose: () => storage.close(),
      };
    },
    tearDown: async () => {},
  };
}

const backends: Backend[] = [sqliteBackend(), postgresBackend()];

const DAY = 24 * 60 * 60 * 1000;
/** The fake clock's "now". */
const NOW = Date.UTC(2026, 4, 10, 12);
const MAX_PER_BIN = 20;
/** What the capture writers keep to; the outbox bounds are small so that the tests reach them. */
const LIMITS = { maxRequestsPerBin: MAX_PER_BIN, forwardQueuePerBin: 3, forwardQueueMax: 5 };

interface Capture {
  method?: string;
  path?: string;
  query?: string;
  headers?: [string, string][];
  body?: string | Uint8Array;
  contentType?: string | null;
  receivedAt?: number;
  deliveryKey?: string | null;
  answer?: string | null;
}

async function expectApiError(work: Promise<unknown>, code: string): Promise<void> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe(code);
}

for (const backend of backends) {
  describe(`Storage on ${backend.name}`, () => {
    let opened: Opened;
    let writer: CaptureWriter | null = null;

    beforeAll(() => backend.setUp());
    afterAll(() => backend.tearDown());
    beforeEach(async () => {
      opened = await backend.open();
    });
    afterEach(async () => {
      await writer?.close();
      writer = null;
      await opened.dispose();
    });

    const store = () => opened.storage;

    async function newBin(createdAt = NOW, name: string | null = null): Promise<StoredBin> {
      return store().createBin({
        id: newId(createdAt),
        token: newToken(),
        key: newToken(),
        name,
        createdAt: new Date(createdAt),
        response: "{}",
      });
    }

    /** Stores the captures through the backend's writer, in order; returns their ids, seqs and outbox outcomes. */
    async function capture(
      bin: StoredBin,
      ...captures: Capture[]
    ): Promise<{ id: string; seq: number; attempt: number; forward: ForwardOutcome | undefined }[]> {
      if (!writer) {
        writer = opened.server.openCaptureWriter(LIMITS);
        await writer.ready();
      }
      const open = writer;
      const results = await Promise.all(
        captures.map(async (c, i) => {
          const row = captureRow(bin, c, i);
          const result = await open.write(row);
          if (!result.ok) throw new Error(`not stored: ${result.code}`);
          return { id: row.id, seq: result.seq, attempt: result.attempt, forward: result.forward };
        }),
      );
      return results;
    }

    const seqsOf = (rows: { seq: number }[]) => rows.map((r) => r.seq);
    const all: RequestFilter = { methods: null, beforeSeq: null, take: 100 };
    const countOf = async (bin: StoredBin) => (await store().findBinByKey(bin.key))?.requestCount;

    describe("bins", () => {
      it("creates a bin and finds it by key and by token, each only by its own; an unknown one is null", async () => {
        const bin = await newBin(NOW, "Stripe");
        expect(bin).toMatchObject({
          name: "Stripe",
          requestCount: 0,
          lastRequestAt: null,
          forwardUrl: null,
          rules: "[]",
          signingSecrets: "[]",
        });
        expect(bin.createdAt.getTime()).toBe(NOW);
        expect(await store().findBinByKey(bin.key)).toEqual(bin);
        expect(await store().findBinByToken(bin.token)).toEqual(bin);
        expect(await store().findBinByKey(bin.token)).toBeNull();
        expect(await store().findBinByToken(bin.key)).toBeNull();
        expect(await store().findBinByKey(newToken())).toBeNull();
      });

      it("updates only the fields given, by key, and throws bin_not_found for an unknown key or a token", async () => {
        const bin = await newBin(NOW, "old");
        const updated = await store().updateBin(bin.key, { forwardUrl: "https://example.com/in" });
        expect(updated).toEqual({ ...bin, forwardUrl: "https://example.com/in" });
        expect(await store().updateBin(bin.key, { name: null, response: '{"status":202}' })).toMatchObject({
          name: null,
          response: '{"status":202}',
          forwardUrl: "https://example.com/in",
        });
        expect(await store().updateBin(bin.key, { rules: '[{"id":"a"}]' })).toMatchObject({
          rules: '[{"id":"a"}]',
          response: '{"status":202}',
        });
        expect(await store().updateBin(bin.key, {})).toMatchObject({ id: bin.id });
        await expectApiError(store().updateBin(newToken(), { name: "x" }), "bin_not_found");
        await expectApiError(store().updateBin(newToken(), {}), "bin_not_found");
        await expectApiError(store().updateBin(bin.token, { name: "x" }), "bin_not_found");
      });

      it("swaps the saved signing secrets only while they are as read, and throws bin_not_found for a token", async () => {
        const bin = await newBin(NOW, "signed");
        const stripe = '[{"scheme":"stripe","secret":"whsec_a"}]';
        const slack = '[{"scheme":"slack","secret":"slack_b"}]';
        expect(await store().swapSigningSecrets(bin.key, "[]", stripe)).toEqual({ ...bin, signingSecrets: stripe });
        // Read before the swap above: refused, and what was stored stays.
        expect(await store().swapSigningSecrets(bin.key, "[]", slack)).toBeNull();
        expect(await store().findBinByKey(bin.key)).toMatchObject({ signingSecrets: stripe, name: "signed" });
        await expectApiError(store().swapSigningSecrets(bin.token, stripe, slack), "bin_not_found");
        await expectApiError(store().swapSigningSecrets(newToken(), "[]", slack), "bin_not_found");
      });

      it("rotates the key: the old key finds nothing at once, the token and every request stay", async () => {
        const bin = await newBin();
        await capture(bin, { body: "one" }, { body: "two" });
        const rotated = await store().rotateBinSecret(bin.key, "key", "new-key-0123456789abcdef");
        expect(rotated).toMatchObject({
          id: bin.id,
          token: bin.token,
          key: "new-key-0123456789abcdef",
          requestCount: 2,
        });
        expect(await store().findBinByKey(bin.key)).toBeNull();
        await expectApiError(store().updateBin(bin.key, { name: "x" }), "bin_not_found");
        await expectApiError(store().deleteBin(bin.key), "bin_not_found");
        await expectApiError(store().rotateBinSecret(bin.key, "key", newToken()), "bin_not_found");
        expect(await store().findBinByKey(rotated.key)).toEqual(rotated);
        expect(await store().findBinByToken(bin.token)).toEqual(rotated);
        expect(seqsOf(await store().listRequests(bin.id, all))).toEqual([2, 1]);
        expect(await capture(rotated, { body: "three" })).toMatchObject([{ seq: 3 }]);
      });

      it("rotates the token: the old token finds nothing, and a capture looked up by it is refused at commit", async () => {
        const bin = await newBin();
        await capture(bin, { body: "one" });
        const rotated = await store().rotateBinSecret(bin.key, "token", "new-token-0123456789abcdef");
        expect(rotated).toMatchObject({
          id: bin.id,
          key: bin.key,
          token: "new-token-0123456789abcdef",
          requestCount: 1,
        });
        expect(await store().findBinByToken(bin.token)).toBeNull();
        expect(await store().findBinByToken(rotated.token)).toEqual(rotated);
        // A capture that looked the bin up before the rotation (another instance's cache) is not stored.
        writer ??= opened.server.openCaptureWriter(LIMITS);
        await writer.ready();
        const [late, current] = await Promise.all([
          writer.write(captureRow(bin, { body: "late" }, 0)),
          writer.write(captureRow(rotated, { body: "two" }, 1)),
        ]);
        expect(late).toMatchObject({ ok: false, code: "bin_not_found" });
        expect(current).toMatchObject({ ok: true, seq: 2 });
        expect(seqsOf(await store().listRequests(bin.id, all))).toEqual([2, 1]);
        expect(await countOf(bin)).toBe(2);
      });

      it("throws bin_not_found when rotating with an unknown key or a token", async () => {
        const bin = await newBin();
        await expectApiError(store().rotateBinSecret(newToken(), "key", newToken()), "bin_not_found");
        await expectApiError(store().rotateBinSecret(bin.token, "token", newToken()), "bin_not_found");
        expect(await store().findBinByKey(bin.key)).toEqual(bin);
      });

      it("deletes a bin with its requests and their attempts, and throws bin_not_found after", async () => {
        const bin = await newBin();
        const [request] = await capture(bin, { body: "x" });
        await store().recordAttempt(attempt(request?.id ?? "", 0), 10);
        await expectApiError(store().deleteBin(bin.token), "bin_not_found");
        expect(await store().deleteBin(bin.key)).toMatchObject({ id: bin.id, token: bin.token });
        expect(await store().findBinByKey(bin.key)).toBeNull();
        expect(await store().findSource(request?.id ?? "")).toBeNull();
        await expectApiError(store().deleteBin(bin.key), "bin_not_found");
      });

      it("lists bins by latest capture, then newest, and finds them by name in any case", async () => {
        const quiet = await newBin(NOW - 3 * DAY, "Quiet one");
        const recent = await newBin(NOW - 2 * DAY, "Stripe live");
        const older = await newBin(NOW - DAY, "stripe TEST 100%");
        const fresh = await newBin(NOW, null);
        await capture(older, { receivedAt: NOW - 1000 });
        await capture(recent, { receivedAt: NOW - 10 });
        const all = await store().listBins(null, 10);
        expect(all.map((b) => b.id)).toEqual([recent.id, older.id, fresh.id, quiet.id]);
        expect((await store().listBins(null, 2)).map((b) => b.id)).toEqual([recent.id, older.id]);
        expect((await store().listBins("STRIPE", 10)).map((b) => b.id)).toEqual([recent.id, older.id]);
        expect((await store().listBins("100%", 10)).map((b) => b.id)).toEqual([older.id]);
        expect(await store().listBins("_", 10)).toEqual([]);
      });

      it("prunes bins idle since before the cutoff, counting from creation when they never captured", async () => {
        const neverUsedOld = await newBin(NOW - 31 * DAY);
        const neverUsedNew = await newBin(NOW - 29 * DAY);
        const oldRecentCapture = await newBin(NOW - 100 * DAY);
        const oldOldCapture = await newBin(NOW - 100 * DAY);
        await capture(oldRecentCapture, { receivedAt: NOW - 2 * DAY });
        await capture(oldOldCapture, { receivedAt: NOW - 45 * DAY });

        const pruned = await store().pruneIdleBins(new Date(NOW - 30 * DAY), 100);
        expect(pruned.deleted).toBe(2);
        expect(pruned.tokens.sort()).toEqual([neverUsedOld.token, oldOldCapture.token].sort());
        expect(await store().findBinByKey(neverUsedOld.key)).toBeNull();
        expect(await store().findBinByKey(oldOldCapture.key)).toBeNull();
        expect(await store().findBinByKey(neverUsedNew.key)).not.toBeNull();
        expect(await store().findBinByKey(oldRecentCapture.key)).not.toBeNull();
      });

      it("prunes at most `limit` bins a call; fewer tokens than the limit means none is left", async () => {
        for (let i = 0; i < 5; i++) await newBin(NOW - 40 * DAY);
        const cutoff = new Date(NOW - 30 * DAY);
        expect((await store().pruneIdleBins(cutoff, 3)).deleted).toBe(3);
        const rest = await store().pruneIdleBins(cutoff, 3);
        expect(rest).toMatchObject({ deleted: 2 });
        expect(rest.tokens).toHaveLength(2);
        expect(await store().pruneIdleBins(cutoff, 3)).toEqual({ deleted: 0, tokens: [] });
      });
    });

    describe("share links", () => {
      const share = (bin: StoredBin, createdAt: number, name: string | null = null) =>
        store().createShare({ id: newToken(), binId: bin.id, name, createdAt: new Date(createdAt) });

      it("creates share links and finds their bin by id; a key, a token or an unknown id finds nothing", async () => {
        const bin = await newBin();
        const created = await share(bin, NOW, "for support");
        expect(created).toMatchObject({ binId: bin.id, name: "for support" });
        expect(created.createdAt.getTime()).toBe(NOW);
        expect(await store().findBinByShare(created.id)).toEqual(bin);
        expect(await store().findBinByShare(bin.key)).toBeNull();
        expect(await store().findBinByShare(bin.token)).toBeNull();
        expect(await store().findBinByShare(newToken())).toBeNull();
        expect(await store().findBinByKey(created.id)).toBeNull();
        expect(await store().findBinByToken(created.id)).toBeNull();
      });

      it("lists a bin's share links oldest first, and only its own", async () => {
        const bin = await newBin();
        const other = await newBin();
        const second = await share(bin, NOW + 1000);
        const first = await share(bin, NOW, "first");
        await share(other, NOW);
        expect(await store().listShares(bin.id)).toEqual([first, second]);
        expect(await store().listShares(newId())).toEqual([]);
      });

      it("deletes a share link by bin and id: the link finds nothing after, other links stay", async () => {
        const bin = await newBin();
        const other = await newBin();
        const kept = await share(bin, NOW);
        const revoked = await share(bin, NOW + 1);
        const elsewhere = await share(other, NOW);
        await expectApiError(store().deleteShare(bin.id, elsewhere.id), "share_not_found");
        expect(await store().findBinByShare(elsewhere.id)).toEqual(other);
        await store().deleteShare(bin.id, revoked.id);
        expect(await store().findBinByShare(revoked.id)).toBeNull();
        expect(await store().listShares(bin.id)).toEqual([kept]);
        await expectApiError(store().deleteShare(bin.id, revoked.id), "share_not_found");
      });

      it("keeps share links across key and token rotations, and deletes them with their bin", async () => {
        const bin = await newBin();
        const link = await share(bin, NOW);
        const rekeyed = await store().rotateBinSecret(bin.key, "key", newToken());
        const rotated = await store().rotateBinSecret(rekeyed.key, "token", newToken());
        expect(await store().findBinByShare(link.id)).toEqual(rotated);
        await store().deleteBin(rotated.key);
        expect(await store().findBinByShare(link.id)).toBeNull();
        expect(await store().listShares(bin.id)).toEqual([]);
      });

      it("throws bin_not_found when the bin is gone", async () => {
        const bin = await newBin();
        await store().deleteBin(bin.key);
        await expectApiError(share(bin, NOW), "bin_not_found");
      });
    });

    describe("captured requests", () => {
      it("gives seqs 1..n in write order and keeps requestCount and lastRequestAt", async () => {
        const bin = await newBin();
        const written = await capture(bin, { receivedAt: NOW + 5 }, { receivedAt: NOW + 9 }, { receivedAt: NOW + 7 });
        expect(seqsOf(written)).toEqual([1, 2, 3]);
        const stored = await store().findBinByKey(bin.key);
        expect(stored?.requestCount).toBe(3);
        expect(stored?.lastRequestAt?.getTime()).toBe(NOW + 9);
      });

      it("lists newest first, pages below a seq, and filters by method", async () => {
        const bin = await newBin();
        const other = await newBin();
        await capture(
          bin,
          { method: "POST" },
          { method: "GET" },
          { method: "PUT" },
          { method: "POST" },
          { method: "GET" },
        );
        await capture(other, { method: "POST" });
        expect(seqsOf(await store().listRequests(bin.id, all))).toEqual([5, 4, 3, 2, 1]);
        const first = await store().listRequests(bin.id, { ...all, take: 2 });
        expect(seqsOf(first)).toEqual([5, 4]);
        expect(seqsOf(await store().listRequests(bin.id, { ...all, beforeSeq: 4, take: 2 }))).toEqual([3, 2]);
        expect(seqsOf(await store().listRequests(bin.id, { ...all, beforeSeq: 2, take: 2 }))).toEqual([1]);
        expect(seqsOf(await store().listRequests(bin.id, { ...all, methods: ["GET"] }))).toEqual([5, 2]);
        expect(seqsOf(await store().listRequests(bin.id, { ...all, methods: ["GET", "PUT"] }))).toEqual([5, 3, 2]);
        expect(await store().listRequests(newId(), all)).toEqual([]);
      });

      it("lists the requests after a seq, oldest first, up to the limit", async () => {
        const bin = await newBin();
        await capture(bin, {}, {}, {}, {});
        expect(seqsOf(await store().listAfter(bin.id, 1, 2))).toEqual([2, 3]);
        expect(seqsOf(await store().listAfter(bin.id, 3, 10))).toEqual([4]);
        expect(await store().listAfter(bin.id, 4, 10)).toEqual([]);
      });

      it.runIf(backend.severalWriters)(
        "gives seqs 1..n with no gap or repeat when two writers write to one bin at once",
        async () => {
          const bin = await newBin();
          const writers = [0, 1].map(() => opened.server.openCaptureWriter({ ...LIMITS, maxRequestsPerBin: 1000 }));
          try {
            await Promise.all(writers.map((w) => w.ready()));
            const n = 300;
            const writes: { writer: number; result: Promise<WriteResult> }[] = [];
            // Many small batches from each writer, interleaved: a few captures per event-loop turn.
            for (let i = 0; i < n; i++) {
              const writer = i % 2;
              writes.push({ writer, result: (writers[writer] as CaptureWriter).write(captureRow(bin, {}, i)) });
              if (i % 7 === 6) await new Promise((resolve) => setImmediate(resolve));
            }
            const results = await Promise.all(writes.map((w) => w.result));
            const seqs = results.map((r) => (r.ok ? r.seq : -1));
            expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
            // Each writer commits its batches in order, so its own seqs rise in write order.
            for (const writer of [0, 1]) {
              const own = seqs.filter((_, i) => writes[i]?.writer === writer);
              expect(own).toEqual([...own].sort((a, b) => a - b));
            }
            const listed = await store().listRequests(bin.id, { methods: null, beforeSeq: null, take: n + 1 });
            expect(seqsOf(listed)).toEqual(Array.from({ length: n }, (_, i) => n - i));
            expect(await countOf(bin)).toBe(n);
          } finally {
            await Promise.all(writers.map((w) => w.close()));
          }
        },
      );

      it.runIf(backend.severalWriters)(
        "keeps requestCount equal to the rows stored while deletes and clears race with captures",
        async () => {
          const bin = await newBin();
          const writer = opened.server.openCaptureWriter({ ...LIMITS, maxRequestsPerBin: 1000 });
          try {
            await writer.ready();
            const writes: Promise<WriteResult>[] = [];
            const deletes: Promise<unknown>[] = [];
            for (let round = 0; round < 30; round++) {
              for (let i = 0; i < 5; i++) writes.push(writer.write(captureRow(bin, {}, round * 5 + i)));
              // A clear or a delete of a stored request while the next batch commits. Either may
              // give up on the bin's lock (this suite's lock timeout is 50 ms, and a loaded machine
              // makes a batch hold it longer): what is checked is that the count stays true.
              if (round % 3 === 0)
                deletes.push(
                  store()
                    .clearRequests(bin.id)
                    .catch(() => undefined),
                );
              const [newest] = await store().listRequests(bin.id, { methods: null, beforeSeq: null, take: 1 });
              if (newest)
                deletes.push(
                  store()
                    .deleteRequest(bin.id, newest.id)
                    .catch(() => undefined),
                );
              await new Promise((resolve) => setImmediate(resolve));
            }
            await Promise.all([...writes, ...deletes]);
            const rows = await store().listRequests(bin.id, { methods: null, beforeSeq: null, take: 1000 });
            expect(await countOf(bin)).toBe(rows.length);
          } finally {
            await writer.close();
          }
        },
      );

      it("numbers the deliveries of a key within its bin, and tells the latest attempt", async () => {
        const bin = await newBin();
        const other = await newBin();
        const a = { deliveryKey: "github:a" };
        const b = { deliveryKey: "github:b" };
        // One batch holding a key twice, then later batches: the count goes on in seq order.
        const first = await capture(bin, a, b, a, {});
        expect(first.map((w) => w.attempt)).toEqual([1, 1, 2, 1]);
        expect((await capture(bin, a)).map((w) => w.attempt)).toEqual([3]);
        expect((await capture(other, a)).map((w) => w.attempt)).toEqual([1]);
        expect(await store().lastAttempt(bin.id, "github:a")).toBe(3);
        expect(await store().lastAttempt(bin.id, "github:b")).toBe(1);
        expect(await store().lastAttempt(other.id, "github:a")).toBe(1);
        expect(await store().lastAttempt(bin.id, "github:none")).toBe(0);
        expect(await store().lastAttempt(newId(), "github:a")).toBe(0);
        const listed = await store().listRequests(bin.id, all);
        expect(listed.map((r) => [r.seq, r.deliveryKey, r.attempt])).toEqual([
          [5, "github:a", 3],
          [4, null, 1],
          [3, "github:a", 2],
          [2, "github:b", 1],
          [1, "github:a", 1],
        ]);
      });

      it("goes on numbering an event's deliveries after earlier ones are deleted", async () => {
        const bin = await newBin();
        const a = { deliveryKey: "svix:msg_1" };
        await capture(bin, a, a);
        const [, firstDelivery] = await store().listRequests(bin.id, all);
        await store().deleteRequest(bin.id, (firstDelivery as { id: string }).id);
        // One delivery is left, yet the next is the third: attempts follow the latest, not a count.
        expect((await capture(bin, a)).map((w) => w.attempt)).toEqual([3]);
        expect(await store().lastAttempt(bin.id, "svix:msg_1")).toBe(3);
      });

      it("keeps only redeliveries when asked, in lists, sizes and search windows alike", async () => {
        const bin = await newBin();
        const a = { deliveryKey: "stripe:evt_1", body: "paid" };
        await capture(bin, a, { body: "paid" }, a, { method: "GET", deliveryKey: "stripe:evt_1" }, a);
        const redelivered = { ...all, redelivered: true };
        expect(seqsOf(await store().listRequests(bin.id, redelivered))).toEqual([5, 4, 3]);
        expect(seqsOf(await store().listRequests(bin.id, { ...redelivered, methods: ["POST"] }))).toEqual([5, 3]);
        expect(seqsOf(await store().listRequests(bin.id, { ...redelivered, beforeSeq: 5, take: 1 }))).toEqual([4]);
        expect(seqsOf(await store().requestSizes(bin.id, redelivered))).toEqual([5, 4, 3]);
        const window = { methods: null, redelivered: true, low: 1, high: 5, take: 10 };
        expect(await store().matchingSeqs(bin.id, "paid", window)).toEqual([5, 3]);
        expect(await store().matchingSeqs(bin.id, "paid", { ...window, redelivered: false })).toEqual([5, 3, 2, 1]);
      });

      it("stores the answer record's text as given", async () => {
        const bin = await newBin();
        const answer = JSON.stringify({ ruleId: "r1", ruleName: "fail", status: 503, failure: "status" });
        const [written] = await capture(bin, { answer }, {});
        const record = await store().getRequest(bin.id, written?.id ?? "");
        expect(record.answer).toBe(answer);
        expect((await store().listRequests(bin.id, all)).map((r) => r.answer)).toEqual([null, answer]);
      });

      it.runIf(backend.severalWriters)(
        "numbers a key's deliveries 1..n when two writers store them at once",
        async () => {
          const bin = await newBin();
          const writers = [0, 1].map(() => opened.server.openCaptureWriter({ ...LIMITS, maxRequestsPerBin: 1000 }));
          try {
            await Promise.all(writers.map((w) => w.ready()));
            const n = 60;
            const writes: Promise<WriteResult>[] = [];
            for (let i = 0; i < n; i++) {
              const row = captureRow(bin, { deliveryKey: "svix-id:msg_1" }, i);
              writes.push((writers[i % 2] as CaptureWriter).write(row));
              if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
            }
            const results = await Promise.all(writes);
            const attempts = results.map((r) => (r.ok ? r.attempt : -1)).sort((x, y) => x - y);
            expect(attempts).toEqual(Array.from({ length: n }, (_, i) => i + 1));
            // In seq order too: a later seq is a later attempt.
            const bySeq = results.flatMap((r) => (r.ok ? [r] : [])).sort((x, y) => x.seq - y.seq);
            expect(bySeq.map((r) => r.attempt)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
          } finally {
            await Promise.all(writers.map((w) => w.close()));
          }
        },
      );

      it("never gives a seq again after a delete or a clear", async () => {
        const bin = await newBin();
        const [, newest] = await capture(bin, {}, {});
        await store().deleteRequest(bin.id, newest?.id ?? "");
        expect(seqsOf(await capture(bin, {}))).toEqual([3]);
        await store().clearRequests(bin.id);
        expect(await countOf(bin)).toBe(0);
        expect(seqsOf(await capture(bin, {}))).toEqual([4]);
        expect(await countOf(bin)).toBe(1);
      });

      it("drops a bin's oldest requests past maxRequestsPerBin, keeping the count", async () => {
        const bin = await newBin();
        await capture(bin, ...Array.from({ length: MAX_PER_BIN + 3 }, () => ({})));
        const listed = await store().listRequests(bin.id, all);
        expect(listed).toHaveLength(MAX_PER_BIN);
        expect(listed.at(-1)?.seq).toBe(4);
        expect(await countOf(bin)).toBe(MAX_PER_BIN);
      });

      it("reads a full record with the headers as sent, and throws request_not_found outside its bin", async () => {
        const bin = await newBin();
        const other = await newBin();
        const headers: [string, string][] = [
          ["Host", "hooks.test"],
          ["X-Dup", "1"],
          ["x-dup", "2"],
        ];
        const [written] = await capture(bin, {
          path: "/a%2Fb",
          query: "x=1&x=2",
          headers,
          body: "{}",
          contentType: "application/json",
        });
        const id = written?.id ?? "";
        const record = await store().getRequest(bin.id, id);
        expect(record).toMatchObject({
          id,
          seq: 1,
          method: "POST",
          path: "/a%2Fb",
          query: "x=1&x=2",
          url: `/h/${bin.token}/a%2Fb?x=1&x=2`,
          httpVersion: "1.1",
          contentType: "application/json",
          bodySize: 2,
          bodyText: "{}",
          ip: "203.0.113.9",
        });
        expect(JSON.parse(record.headers)).toEqual(headers);
        expect(record.receivedAt.getTime()).toBe(NOW);
        await expectApiError(store().getRequest(other.id, id), "request_not_found");
        await expectApiError(store().getRequest(bin.id, newId()), "request_not_found");
      });

      it("gives body info and the exact bytes of text and binary bodies", async () => {
        const bin = await newBin();
        const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x0a]);
        const [text, bytes] = await capture(
          bin,
          { body: "héllo", headers: [["Content-Encoding", "identity"]], contentType: "text/plain" },
          { body: binary.slice() },
        );
        expect(await store().getBodyInfo(bin.id, text?.id ?? "")).toEqual({
          bodySize: 6,
          contentType: "text/plain",
          headers: [["Content-Encoding", "identity"]],
        });
        expect((await store().readBody(text?.id ?? "")).toString("utf8")).toBe("héllo");
        expect([...(await store().readBody(bytes?.id ?? ""))]).toEqual([...binary]);
        await expectApiError(store().getBodyInfo((await newBin()).id, text?.id ?? ""), "request_not_found");
        await store().deleteRequest(bin.id, bytes?.id ?? "");
        await expectApiError(store().readBody(bytes?.id ?? ""), "request_not_found");
      });

      it("keeps a text body with a NUL character byte-exact, as text where the backend can", async () => {
        const bin = await newBin();
        const [row] = await capture(bin, { body: "before\u0000after" });
        expect((await store().readBody(row?.id ?? "")).toString("utf8")).toBe("before\u0000after");
        const record = await store().getRequest(bin.id, row?.id ?? "");
        expect(record.bodyText).toBe(backend.nulInText ? "before\u0000after" : null);
      });

      it("finds a resend source, in its bin only when a bin is given", async () => {
        const bin = await newBin();
        const [written] = await capture(bin, { method: "PATCH", headers: [["X-A", "1"]], body: "b" });
        const id = written?.id ?? "";
        const source = await store().findSource(id, bin.id);
        expect(source).toMatchObject({ id, method: "PATCH", headers: [["X-A", "1"]] });
        expect(source?.body.toString()).toBe("b");
        expect(await store().findSource(id)).toMatchObject({ id });
        expect(await store().findSource(id, (await newBin()).id)).toBeNull();
        expect(await store().findSource(newId())).toBeNull();
      });

      it("deletes one request, keeping the count, and throws request_not_found for an unknown one", async () => {
        const bin = await newBin();
        const other = await newBin();
        const [first] = await capture(bin, {}, {});
        await expectApiError(store().deleteRequest(other.id, first?.id ?? ""), "request_not_found");
        await store().deleteRequest(bin.id, first?.id ?? "");
        expect(await countOf(bin)).toBe(1);
        expect(seqsOf(await store().listRequests(bin.id, all))).toEqual([2]);
        await expectApiError(store().deleteRequest(bin.id, first?.id ?? ""), "request_not_found");
        expect(await countOf(bin)).toBe(1);
      });

      it("clears a bin without touching others; a bin that is gone has nothing to clear", async () => {
        const bin = await newBin();
        const other = await newBin();
        await capture(bin, {}, {});
        await capture(other, {});
        await store().clearRequests(bin.id);
        expect(await store().listRequests(bin.id, all)).toEqual([]);
        expect(await countOf(other)).toBe(1);
        await store().clearRequests(newId());
      });

      it("prunes requests received before the cutoff in every bin, keeping each count", async () => {
        const a = await newBin();
        const b = await newBin();
        await capture(a, { receivedAt: NOW - 8 * DAY }, { receivedAt: NOW - 6 * DAY });
        await capture(b, { receivedAt: NOW - 9 * DAY }, { receivedAt: NOW - 10 * DAY }, { receivedAt: NOW });
        expect(await store().pruneExpired(new Date(NOW - 7 * DAY))).toBe(3);
        expect(seqsOf(await store().listRequests(a.id, all))).toEqual([2]);
        expect(seqsOf(await store().listRequests(b.id, all))).toEqual([3]);
        expect(await countOf(a)).toBe(1);
        expect(await countOf(b)).toBe(1);
        expect(await store().pruneExpired(new Date(NOW - 7 * DAY))).toBe(0);
      });
    });

    describe("imports", () => {
      const imported = (i: number, body: Buffer, receivedAt = NOW - 30 * DAY): ImportedRequest => ({
        id: newId(receivedAt + i),
        method: "POST",
        url: `/h/t/n/${i}?q=${i}`,
        path: `/n/${i}`,
        query: `q=${i}`,
        httpVersion: "1.1",
        headers: [
          ["X-Dup", "a"],
          ["x-dup", "b"],
        ],
        contentType: "application/octet-stream",
        body,
        ip: "",
        receivedAt: new Date(receivedAt + i),
      });

      it("stores imported requests after the captures, in order, with their own times and exact bodies", async () => {
        const bin = await newBin();
        await capture(bin, { body: "first" });
        const bodies = [
          Buffer.from("héllo"),
          Buffer.from([0xff, 0x00, 0x80]),
          Buffer.from("nul\u0000inside"),
          Buffer.alloc(0),
        ];
        const stored = await store().importRequests(
          bin.id,
          bodies.map((b, i) => imported(i, b)),
          new Date(NOW),
          MAX_PER_BIN,
        );
        expect(seqsOf(stored)).toEqual([2, 3, 4, 5]);
        expect(stored.map((r) => r.importedAt?.getTime())).toEqual([NOW, NOW, NOW, NOW]);
        expect(stored[0]?.receivedAt.getTime()).toBe(NOW - 30 * DAY);
        for (const [i, row] of stored.entries()) {
          expect([...(await store().readBody(row.id))]).toEqual([...(bodies[i] as Buffer)]);
          const record = await store().getRequest(bin.id, row.id);
          expect(JSON.parse(record.headers)).toEqual([
            ["X-Dup", "a"],
            ["x-dup", "b"],
          ]);
          expect(record).toMatchObject({ path: `/n/${i}`, query: `q=${i}`, bodySize: bodies[i]?.length });
        }
        expect((await store().getRequest(bin.id, stored[0]?.id ?? "")).bodyText).toBe("héllo");
        expect(await countOf(bin)).toBe(5);
        expect((await store().findBinByKey(bin.key))?.lastRequestAt?.getTime()).toBe(NOW);
        expect(await capture(bin, { body: "after" })).toMatchObject([{ seq: 6 }]);
      });

      it("keeps MAX_REQUESTS_PER_BIN, dropping the oldest, and prunes imports counted from their import", async () => {
        const bin = await newBin();
        await capture(bin, {}, {});
        const rows = Array.from({ length: MAX_PER_BIN }, (_, i) => imported(i, Buffer.from(`${i}`)));
        await store().importRequests(bin.id, rows, new Date(NOW), MAX_PER_BIN);
        expect(await countOf(bin)).toBe(MAX_PER_BIN);
        const kept = seqsOf(await store().listRequests(bin.id, all));
        expect(kept).toHaveLength(MAX_PER_BIN);
        expect(Math.min(...kept)).toBe(3);
        // Received 30 days ago but imported now: not expired by a 7-day retention.
        expect(await store().pruneExpired(new Date(NOW - 7 * DAY))).toBe(0);
        expect(await store().pruneExpired(new Date(NOW + 1))).toBe(MAX_PER_BIN);
      });

      it("stores nothing when one row fails, and throws bin_not_found for a bin that is gone", async () => {
        const bin = await newBin();
        const rows = [imported(0, Buffer.from("a")), imported(1, Buffer.from("b"))];
        rows[1] = { ...(rows[1] as ImportedRequest), id: rows[0]?.id as string };
        await expect(store().importRequests(bin.id, rows, new Date(NOW), MAX_PER_BIN)).rejects.toThrow();
        expect(await store().listRequests(bin.id, all)).toEqual([]);
        expect(await countOf(bin)).toBe(0);
        expect(await capture(bin, {})).toMatchObject([{ seq: 1 }]);
        await expectApiError(
          store().importRequests(newId(), [imported(0, Buffer.from("a"))], new Date(NOW), MAX_PER_BIN),
          "bin_not_found",
        );
      });
    });

    describe("search reads", () => {
      const everything = { methods: null, low: 1, high: Number.MAX_SAFE_INTEGER, take: 100 };
      const search = (bin: StoredBin, q: string, window: Partial<SeqWindow> = {}) =>
        store().matchingSeqs(bin.id, q, { ...everything, ...window });

      it("matches path, query, header values and text bodies, ignoring ASCII case only", async () => {
        const bin = await newBin();
        await capture(
          bin,
          { path: "/Orders/42" },
          { query: "Event=Paid" },
          { headers: [["X-Event", "Invoice.Created"]] },
          { body: '{"Type":"Charge"}' },
          { body: "CAFÉ" },
          { body: "before\u0000After" },
        );
        expect(await search(bin, "orders")).toEqual([1]);
        expect(await search(bin, "PAID")).toEqual([2]);
        expect(await search(bin, "invoice.created")).toEqual([3]);
        expect(await search(bin, '"type":"charge"')).toEqual([4]);
        expect(await search(bin, "cafÉ")).toEqual([5]);
        expect(await search(bin, "café")).toEqual([]);
        expect(await search(bin, "after")).toEqual(backend.nulInText ? [6] : []);
        expect(await search(bin, "nothing")).toEqual([]);
      });

      it("takes wildcard and escape characters as themselves", async () => {
        const bin = await newBin();
        await capture(bin, { path: "/a_b" }, { query: "discount=100%" }, { body: "C:\\path" }, { body: "abc" });
        expect(await search(bin, "_")).toEqual([1]);
        expect(await search(bin, "%")).toEqual([2]);
        expect(await search(bin, "\\")).toEqual([3]);
        expect(await search(bin, "a%c")).toEqual([]);
        expect(await search(bin, "a_c")).toEqual([]);
        expect(await search(bin, "a\\bc")).toEqual([]);
      });

      it("matches header values, never header names, quotes and backslashes included", async () => {
        const bin = await newBin();
        await capture(bin, { headers: [["X-Hidden-Name", "visible"]] }, { headers: [["X-Quote", 'say "hi"\\']] });
        expect(await search(bin, "hidden-name")).toEqual([]);
        expect(await search(bin, "x-")).toEqual([]);
        expect(await search(bin, "visible")).toEqual([1]);
        expect(await search(bin, '"hi"\\')).toEqual([2]);
      });

      it("does not search bodies stored as bytes", async () => {
        const bin = await newBin();
        await capture(bin, { body: new Uint8Array([0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0xff]) }, { body: "needle" });
        expect(await search(bin, "needle")).toEqual([2]);
      });

      it("keeps to the bin, the methods, the seq window and `take`", async () => {
        const bin = await newBin();
        const other = await newBin();
        await capture(
          bin,
          { method: "POST", body: "needle" },
          ...Array.from({ length: 6 }, () => ({ body: "hay" })),
          { method: "GET", body: "needle" },
          { method: "PUT", body: "needle" },
        );
        await capture(other, { body: "needle" });
        expect(await search(bin, "needle")).toEqual([9, 8, 1]);
        expect(await search(bin, "needle", { methods: ["GET", "PUT"] })).toEqual([9, 8]);
        expect(await search(bin, "needle", { take: 2 })).toEqual([9, 8]);
        expect(await search(bin, "needle", { low: 2, high: 8 })).toEqual([8]);
        expect(await search(bin, "needle", { low: 2, high: 7 })).toEqual([]);
      });

      it("gives seqs and body sizes newest first below a seq, and summaries by seq", async () => {
        const bin = await newBin();
        await capture(bin, { method: "GET", body: "a" }, { body: "bb" }, { body: "ccc" });
        expect(await store().requestSizes(bin.id, all)).toEqual([
          { seq: 3, bodySize: 3 },
          { seq: 2, bodySize: 2 },
          { seq: 1, bodySize: 1 },
        ]);
        expect(await store().requestSizes(bin.id, { methods: ["POST"], beforeSeq: 3, take: 5 })).toEqual([
          { seq: 2, bodySize: 2 },
        ]);
        expect(seqsOf(await store().listBySeqs(bin.id, [1, 3, 99]))).toEqual([3, 1]);
        expect(await store().listBySeqs((await newBin()).id, [1])).toEqual([]);
      });
    });

    describe("resend attempts", () => {
      it("records attempts and lists them newest first, up to the limit", async () => {
        const bin = await newBin();
        const [request] = await capture(bin, {});
        const id = request?.id ?? "";
        const first = await store().recordAttempt(attempt(id, 0), 10);
        expect(first).toEqual(attempt(id, 0, first.id));
        await store().recordAttempt(attempt(id, 1), 10);
        await store().recordAttempt(attempt(id, 2), 10);
        const listed = await store().listAttempts(bin.id, id, 2);
        expect(listed.map((a) => a.createdAt.getTime())).toEqual([NOW + 2, NOW + 1]);
      });

      it("keeps only the newest `keep` attempts of a request", async () => {
        const bin = await newBin();
        const [a, b] = await capture(bin, {}, {});
        for (let i = 0; i < 5; i++) await store().recordAttempt(attempt(a?.id ?? "", i), 3);
        await store().recordAttempt(attempt(b?.id ?? "", 0), 3);
        const kept = await store().listAttempts(bin.id, a?.id ?? "", 50);
        expect(kept.map((x) => x.createdAt.getTime())).toEqual([NOW + 4, NOW + 3, NOW + 2]);
        expect(await store().listAttempts(bin.id, b?.id ?? "", 50)).toHaveLength(1);
      });

      it("throws request_not_found for a request that is gone or in another bin", async () => {
        const bin = await newBin();
        const [request] = await capture(bin, {});
        const id = request?.id ?? "";
        await expectApiError(store().listAttempts((await newBin()).id, id, 50), "request_not_found");
        await store().deleteRequest(bin.id, id);
        await expectApiError(store().recordAttempt(attempt(id, 0), 10), "request_not_found");
        await expectApiError(store().listAttempts(bin.id, id, 50), "request_not_found");
      });
    });

    describe("forwarding outbox", () => {
      const TARGET = "https://example.com/in";
      const LATER = NOW + 1000;
      const LEASE = 30_000;

      async function forwardingBin(): Promise<StoredBin> {
        const bin = await newBin();
        return store().updateBin(bin.key, { forwardUrl: TARGET });
      }

      const claim = (owner: string, limit = 10, now = LATER) => store().claimForwards(owner, now, now + LEASE, limit);
      const idsOf = (claimed: { requestId: string }[]) => claimed.map((c) => c.requestId).sort();

      it("enters a forwarding bin's captures with the capture itself, and nothing of other bins", async () => {
        const forwarding = await forwardingBin();
        const plain = await newBin();
        const stored = await capture(forwarding, {}, {});
        const others = await capture(plain, {});
        expect(stored.map((s) => s.forward)).toEqual([
          { url: TARGET, admission: "queued" },
          { url: TARGET, admission: "queued" },
        ]);
        expect(others[0]?.forward).toBeUndefined();
        expect(await store().forwardBacklog()).toBe(2);
      });

      it("keeps out a capture that a Hookscope resend or forward sent (X-Hookscope-Hop)", async () => {
        const bin = await forwardingBin();
        const [looped] = await capture(bin, { headers: [["X-Hookscope-Hop", "1"]] });
        expect(looped?.forward).toEqual({ url: TARGET, admission: "loop" });
        expect(await store().forwardBacklog()).toBe(0);
      });

      it("keeps out a marked capture committed in one batch with unmarked ones, which are queued", async () => {
        // A loop through a bin that also receives other traffic: the marked copy shares a commit.
        const bin = await forwardingBin();
        const stored = await capture(bin, {}, { headers: [["X-Hookscope-Hop", "1"]] }, {});
        expect(stored.map((s) => s.forward?.admission)).toEqual(["queued", "loop", "queued"]);
        expect(await store().forwardBacklog()).toBe(2);
      });

      it("refuses past the bin's bound and the outbox's, taking room from the longest lane for a shorter one", async () => {
        const long = await forwardingBin();
        const other = await forwardingBin();
        const short = await forwardingBin();
        const longIds = await capture(long, { method: "PUT" }, { method: "PUT" }, { method: "PUT" }, {});
        expect(longIds.map((s) => s.forward?.admission)).toEqual(["queued", "queued", "queued", "bin_full"]);
        expect((await capture(other, {}, {})).map((s) => s.forward?.admission)).toEqual(["queued", "queued"]);
        // The outbox holds 5 (forwardQueueMax): the short bin's capture takes the long lane's newest place.
        const [taken] = await capture(short, {});
        expect(taken?.forward).toEqual({
          url: TARGET,
          admission: "evict",
          evicted: { requestId: longIds[2]?.id, binId: long.id, method: "PUT", url: TARGET },
        });
        expect(await store().forwardBacklog()).toBe(5);
        // Now no lane is longer than the other bin's own by more than one: refused.
        expect((await capture(other, {}))[0]?.forward?.admission).toBe("queue_full");
      });

      it("claims only each bin's oldest capture, and the next one once it is finished", async () => {
        const a = await forwardingBin();
        const b = await forwardingBin();
        const aIds = await capture(a, { method: "PATCH" }, {}, {});
        const [bFirst] = await capture(b, {});
        const first = await claim("one");
        expect(idsOf(first)).toEqual([aIds[0]?.id, bFirst?.id].sort());
        expect(first.find((c) => c.binId === a.id)).toEqual({
          requestId: aIds[0]?.id,
          binId: a.id,
          method: "PATCH",
          url: TARGET,
          attempts: 1,
        });
        expect(await claim("two")).toEqual([]);
        await store().finishForward("one", { requestId: aIds[0]?.id ?? "", attempts: 1 }, LATER);
        expect(idsOf(await claim("two"))).toEqual([aIds[1]?.id]);
        expect(await store().forwardBacklog()).toBe(3);
      });

      it("hands a capture whose lease ran out to another claimer, and ignores the old claim after", async () => {
        const bin = await forwardingBin();
        const [only] = await capture(bin, {});
        const id = only?.id ?? "";
        await store().claimForwards("dead", LATER, LATER + 1000, 10);
        expect(await store().claimForwards("alive", LATER + 999, LATER + 5000, 10)).toEqual([]);
        const taken = await store().claimForwards("alive", LATER + 1000, LATER + 5000, 10);
        expect(taken).toMatchObject([{ requestId: id, attempts: 2 }]);
        expect(await store().renewForwards("dead", [{ requestId: id, attempts: 1 }], LATER + 9000)).toEqual({
          held: [],
          takenOver: [id],
        });
        expect(await store().renewForwards("alive", [{ requestId: id, attempts: 2 }], LATER + 9000)).toEqual({
          held: [id],
          takenOver: [],
        });
        await store().finishForward("dead", { requestId: id, attempts: 1 }, LATER + 1000);
        await store().retryForward("dead", { requestId: id, attempts: 1 }, LATER + 1000);
        await store().releaseForwards("dead", [{ requestId: id, attempts: 1 }]);
        expect(await claim("third", 10, LATER + 2000)).toEqual([]);
        expect(await store().forwardBacklog()).toBe(1);
        await store().finishForward("alive", { requestId: id, attempts: 2 }, LATER + 1000);
        expect(await store().forwardBacklog()).toBe(0);
        expect(await store().renewForwards("alive", [{ requestId: id, attempts: 2 }], LATER + 9000)).toEqual({
          held: [],
          takenOver: [],
        });
      });

      it("fences each claim by its attempts: the same owner's earlier claim changes nothing once claimed again", async () => {
        const bin = await forwardingBin();
        const [only] = await capture(bin, {});
        const id = only?.id ?? "";
        await store().claimForwards("one", LATER, LATER + 1000, 10);
        expect(await store().claimForwards("one", LATER + 1000, LATER + 5000, 10)).toMatchObject([{ attempts: 2 }]);
        await store().finishForward("one", { requestId: id, attempts: 1 }, LATER + 1000);
        expect(await store().forwardBacklog()).toBe(1);
        expect(await store().renewForwards("one", [{ requestId: id, attempts: 1 }], LATER + 9000)).toEqual({
          held: [],
          takenOver: [id],
        });
      });

      it("frees a capture for its retry at the time given, and releases claims as they were", async () => {
        const bin = await forwardingBin();
        const [only] = await capture(bin, {});
        const id = only?.id ?? "";
        await claim("one");
        await store().retryForward("one", { requestId: id, attempts: 1 }, LATER + 5000);
        expect(await claim("two", 10, LATER + 4999)).toEqual([]);
        expect(await claim("two", 10, LATER + 5000)).toMatchObject([{ requestId: id, attempts: 2 }]);
        await store().releaseForwards("two", [{ requestId: id, attempts: 2 }]);
        expect(await claim("three", 10, LATER + 5000)).toMatchObject([{ requestId: id, attempts: 3 }]);
      });

      it("lets bins take turns: a finished bin's next capture waits behind bins waiting since before", async () => {
        const busy = await forwardingBin();
        const quiet = await forwardingBin();
        const busyIds = await capture(busy, { receivedAt: NOW }, { receivedAt: NOW + 1 });
        const [quietOne] = await capture(quiet, { receivedAt: NOW + 10 });
        expect(idsOf(await claim("one", 1))).toEqual([busyIds[0]?.id]);
        await store().finishForward("one", { requestId: busyIds[0]?.id ?? "", attempts: 1 }, NOW + 100);
        expect(idsOf(await claim("one", 1, NOW + 100))).toEqual([quietOne?.id]);
      });

      it("drops a bin's captures, saying how many were claimed; skips a bin that stopped forwarding", async () => {
        const bin = await forwardingBin();
        await capture(bin, {}, {}, {});
        await claim("one");
        expect(await store().dropForwards(bin.id)).toEqual({ waiting: 2, claimed: 1 });
        expect(await store().forwardBacklog()).toBe(0);
        await capture(bin, {});
        await store().updateBin(bin.key, { forwardUrl: null });
        expect(await claim("one")).toEqual([]);
      });

      it("forgets a capture that is deleted, and a bin's captures when the bin is", async () => {
        const bin = await forwardingBin();
        const [first] = await capture(bin, {}, {});
        await store().deleteRequest(bin.id, first?.id ?? "");
        expect(await store().forwardBacklog()).toBe(1);
        await store().deleteBin(bin.key);
        expect(await store().forwardBacklog()).toBe(0);
      });

      it.runIf(backend.severalWriters)("never gives one capture to two claimers at once", async () => {
        const bins = await Promise.all(Array.from({ length: 5 }, () => forwardingBin()));
        for (const bin of bins) await capture(bin, {});
        const [a, b, c] = await Promise.all(["a", "b", "c"].map((owner) => claim(owner, 5)));
        const all = [...(a ?? []), ...(b ?? []), ...(c ?? [])].map((x) => x.requestId);
        expect(new Set(all).size).toBe(all.length);
        expect(all.length).toBe(5);
      });
    });

    describe("availability", () => {
      it("migrates nothing on a database that is up to date", async () => {
        expect(await opened.server.migrate()).toEqual([]);
      });

      it("answers ping, and throws storage_unavailable while the database refuses writes", async () => {
        await store().ping();
        const bin = await newBin();
        const release = await opened.lockOut();
        try {
          await expectApiError(newBin(), "storage_unavailable");
          await expectApiError(store().clearRequests(bin.id), "storage_unavailable");
        } finally {
          await release();
        }
        await store().clearRequests(bin.id);
      });
    });
  });
}

/** The row of a capture into the bin, the i-th of its group. */
function captureRow(bin: StoredBin, c: Capture, i: number): CaptureRow {
  const body = typeof c.body === "string" ? new Uint8Array(Buffer.from(c.body)) : (c.body ?? new Uint8Array());
  const receivedAt = c.receivedAt ?? NOW + i;
  return {
    id: newId(receivedAt),
    binId: bin.id,
    token: bin.token,
    method: c.method ?? "POST",
    url: `/h/${bin.token}${c.path ?? "/"}${c.query ? `?${c.query}` : ""}`,
    path: c.path ?? "/",
    query: c.query ?? "",
    httpVersion: "1.1",
    rawHeaders: (c.headers ?? [["Host", "hooks.test"]]).flat(),
    contentType: c.contentType ?? null,
    body,
    bodySize: body.byteLength,
    ip: "203.0.113.9",
    receivedAt,
    deliveryKey: c.deliveryKey ?? null,
    answer: c.answer ?? null,
  };
}

/** The i-th attempt of a request, made i ms after NOW; with `id`, the one stored under that id. */
function attempt(requestId: string, i: number, id = newId(NOW + i)): StoredAttempt {
  return {
    id,
    requestId,
    auto: i % 2 === 1,
    url: "https://example.com/hook",
    method: "POST",
    sentHeaders: JSON.stringify([["Content-Type", "application/json"]]),
    status: 200,
    responseHeaders: JSON.stringify([["X-Reply", "ok"]]),
    responseBody: new Uint8Array(Buffer.from("ok")),
    bodyTruncated: false,
    durationMs: 12,
    errorCode: null,
    errorMessage: null,
    createdAt: new Date(NOW + i),
  };
}
