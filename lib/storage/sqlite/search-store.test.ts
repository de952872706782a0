// The search's SQL against a real, migrated SQLite database, with rows stored by the capture
// writer: what q matches, and that it agrees with the contract's plain definition.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBatchWriter, openCaptureDatabase } from "../../capture/sqlite-batch.ts";
import type { CaptureRow } from "../../capture/writer-protocol.ts";
import { applyMigrations } from "../../db/migrate.ts";
import { type RunSql, sqliteSearchStore } from "./search-store.ts";

interface Capture {
  method?: string;
  path?: string;
  query?: string;
  headers?: [string, string][];
  body?: string | Uint8Array;
}

let dir: string;
let template: string;
let db: Database.Database;
let rowCounter = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookscope-search-"));
  template = path.join(dir, "template.db");
  await applyMigrations(template);
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  db?.close();
  const file = path.join(fs.mkdtempSync(path.join(dir, "test-")), "search.db");
  fs.copyFileSync(template, file);
  db = openCaptureDatabase(Database, file, "normal");
  db.prepare(
    `INSERT INTO Bin (id, token, key, name, createdAt, requestCount, nextSeq, response) VALUES ('bin', 'bin-token', 'bin-key', NULL, 0, 0, 1, '{}')`,
  ).run();
});

const run: RunSql = async (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[];

/** Stores the captures through the capture writer; seqs 1..n in order. */
function store(captures: Capture[]): void {
  const rows = captures.map((c): CaptureRow => {
    rowCounter++;
    const body = typeof c.body === "string" ? new Uint8Array(Buffer.from(c.body)) : (c.body ?? new Uint8Array());
    return {
      id: `req-${rowCounter}`,
      binId: "bin",
      token: "bin-token",
      method: c.method ?? "POST",
      url: `/h/bin-token${c.path ?? "/"}${c.query ? `?${c.query}` : ""}`,
      path: c.path ?? "/",
      query: c.query ?? "",
      httpVersion: "1.1",
      rawHeaders: (c.headers ?? []).flat(),
      contentType: null,
      body,
      bodySize: body.byteLength,
      ip: "127.0.0.1",
      receivedAt: 1_700_000_000_000 + rowCounter,
      deliveryKey: null,
      answer: null,
    };
  });
  const results = createBatchWriter(db, { maxRequestsPerBin: 100_000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })(
    rows,
  );
  expect(results.every((r) => r.ok)).toBe(true);
}

const search = (q: string, methods: string[] | null = null) =>
  sqliteSearchStore("bin", { methods }, run).matchingSeqs(q, 1, Number.MAX_SAFE_INTEGER, 1000);

describe("what q matches, in SQL", () => {
  it("takes LIKE wildcards and the escape character as themselves", async () => {
    store([
      { path: "/a_b" },
      { query: "discount=100%" },
      { body: "C:\\path" },
      { body: "abc" },
      { headers: [["X-Plain", "value"]] },
    ]);
    expect(await search("_")).toEqual([1]);
    expect(await search("%")).toEqual([2]);
    expect(await search("\\")).toEqual([3]);
    expect(await search("a%c")).toEqual([]);
    expect(await search("a_c")).toEqual([]);
    expect(await search("a\\bc")).toEqual([]);
    expect(await search("100%")).toEqual([2]);
  });

  it("takes full-text and pattern syntax as plain characters", async () => {
    const body = `say "hi" it's a*b NEAR(k l) -m col:n a.b [x] ^$ {1,2} | (?)`;
    store([{ body }, { body: "say hi its ab k l m col n" }]);
    for (const q of ['"hi"', "it's", "a*b", "NEAR(k l)", "-m", "col:n", "a.b", "[x]", "^$", "{1,2}", "| (?)"]) {
      expect(await search(q), q).toEqual([1]);
    }
    for (const q of ["a.c", "*", '"', "near(kl)"]) {
      expect(await search(q), q).toEqual(q === "*" || q === '"' ? [1] : []);
    }
  });

  it("matches header values and never header names", async () => {
    store([{ headers: [["X-Hidden-Name", "Visible-Value"]] }, { headers: [["X-Quote", 'say "hi"\\']] }]);
    expect(await search("hidden-name")).toEqual([]);
    expect(await search("x-")).toEqual([]);
    expect(await search("visible-value")).toEqual([1]);
    expect(await search('"hi"\\')).toEqual([2]);
    expect(await search("[")).toEqual([]);
  });

  it("folds ASCII letters only, and reads past a NUL in a body", async () => {
    store([{ body: "CAFÉ" }, { body: "before\u0000After" }, { body: "\u212A" }]);
    expect(await search("café")).toEqual([]);
    expect(await search("cafÉ")).toEqual([1]);
    expect(await search("after")).toEqual([2]);
    expect(await search("k")).toEqual([]);
  });

  it("does not search bodies stored as bytes", async () => {
    store([{ body: new Uint8Array([0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0xff]) }, { body: "needle" }]);
    expect(await search("needle")).toEqual([2]);
  });

  it("keeps to the bin, the method filter and the seq range", async () => {
    store([
      { method: "POST", body: "needle" },
      { method: "GET", body: "needle" },
      { method: "PUT", body: "needle" },
    ]);
    expect(await search("needle", ["GET", "PUT"])).toEqual([3, 2]);
    const other = sqliteSearchStore("other-bin", { methods: null }, run);
    expect(await other.matchingSeqs("needle", 1, 100, 10)).toEqual([]);
    const bin = sqliteSearchStore("bin", { methods: null }, run);
    expect(await bin.matchingSeqs("needle", 2, 2, 10)).toEqual([2]);
    expect(await bin.matchingSeqs("needle", 1, 3, 1)).toEqual([3]);
    expect(await bin.sizesBelow(3, 10)).toEqual([
      { seq: 2, bodySize: 6 },
      { seq: 1, bodySize: 6 },
    ]);
  });

  it("reads only the rows of its seq window, through the bin's seq index, for either read", async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const recording: RunSql = async (sql, params) => {
      statements.push({ sql, params });
      return run(sql, params);
    };
    for (const methods of [null, ["GET", "POST"]]) {
      const searchStore = sqliteSearchStore("bin", { methods }, recording);
      await searchStore.sizesBelow(100, 10);
      await searchStore.matchingSeqs("needle", 1, 100, 10);
    }
    expect(statements).toHaveLength(4);
    for (const { sql, params } of statements) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
        (r) => r.detail,
      );
      expect(plan.join(" / "), sql).toMatch(
        /SEARCH CapturedRequest USING INDEX CapturedRequest_binId_seq_key \(binId=\? AND seq[<>]\?/,
      );
      expect(plan.join(" / "), sql).not.toMatch(/SCAN CapturedRequest|TEMP B-TREE/);
    }
  });

  it("agrees with the contract's definition on any text", async () => {
    const char = fc.constantFrom(..."aAbBzZ09%_\\\"'*-:.( éÉ\u0000".split(""), "😀");
    const text = fc.array(char, { maxLength: 12 }).map((c) => c.join(""));
    const capture = fc.record({
      path: text.map((t) => `/${t}`),
      query: text,
      headers: fc.array(fc.tuple(fc.constantFrom("X-A", "X-Zz"), text), { maxLength: 3 }),
      body: text,
    });
    const asciiLower = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const contains = (t: string, q: string) => asciiLower(t).includes(asciiLower(q));
    await fc.assert(
      fc.asyncProperty(fc.array(capture, { minLength: 1, maxLength: 6 }), text, async (captures, q) => {
        fc.pre(q.length > 0);
        db.prepare(`DELETE FROM CapturedRequest`).run();
        const first = rowCounter;
        store(captures);
        const seqBase = (db.prepare(`SELECT min(seq) AS s FROM CapturedRequest`).get() as { s: number }).s;
        const expected = captures
          .map((c, i) => ({ c, seq: seqBase + i }))
          .filter(({ c }) => [c.path, c.query, c.body, ...c.headers.map(([, v]) => v)].some((t) => contains(t, q)))
          .map(({ seq }) => seq)
          .reverse();
        expect(rowCounter - first).toBe(captures.length);
        expect(await search(q)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
