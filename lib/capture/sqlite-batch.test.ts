import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_TEXT_BYTES } from "../body/detect.ts";
import { applyMigrations } from "../db/migrate.ts";
import { createBatchWriter, openCaptureDatabase } from "./sqlite-batch.ts";
import type { CaptureRow } from "./writer-protocol.ts";

interface StoredRequest {
  id: string;
  binId: string;
  seq: number;
  method: string;
  url: string;
  path: string;
  query: string;
  headers: string;
  contentType: string | null;
  bodySize: number;
  bodyText: string | null;
  body: Buffer | null;
  ip: string;
  receivedAt: number;
}

interface StoredBin {
  requestCount: number;
  nextSeq: number;
  lastRequestAt: number | null;
}

let dir: string;
let template: string;
let file: string;
let db: Database.Database;
let rowCounter = 0;

// The migrations are applied once, to a template that each test copies: a fresh database per test.
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookscope-batch-"));
  template = path.join(dir, "template.db");
  await applyMigrations(template);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  file = path.join(fs.mkdtempSync(path.join(dir, "test-")), "capture.db");
  fs.copyFileSync(template, file);
  db = openCaptureDatabase(Database, file, "normal");
});

afterEach(() => {
  db.close();
  vi.restoreAllMocks();
});

function insertBin(id: string): void {
  const setup = new Database(file);
  try {
    setup
      .prepare(
        `INSERT INTO Bin (id, token, key, name, createdAt, lastRequestAt, requestCount, nextSeq, forwardUrl, response)
         VALUES (?, ?, ?, NULL, ?, NULL, 0, 1, NULL, '{}')`,
      )
      .run(id, `token-${id}-0123456789abcdef`, `key-${id}-0123456789abcdef`, Date.now());
  } finally {
    setup.close();
  }
}

function captureRow(binId: string, overrides: Partial<CaptureRow> = {}): CaptureRow {
  rowCounter++;
  const body = overrides.body ?? new Uint8Array(0);
  return {
    id: `req-${rowCounter}`,
    binId,
    token: `token-${binId}-0123456789abcdef`,
    method: "POST",
    url: `/h/token-${binId}/hook?n=${rowCounter}`,
    path: "/hook",
    query: `n=${rowCounter}`,
    httpVersion: "1.1",
    rawHeaders: ["Host", "localhost"],
    contentType: null,
    ip: "127.0.0.1",
    receivedAt: 1_700_000_000_000 + rowCounter,
    deliveryKey: null,
    answer: null,
    ...overrides,
    body,
    bodySize: body.byteLength,
  };
}

const stored = (binId: string): StoredRequest[] =>
  db.prepare("SELECT * FROM CapturedRequest WHERE binId = ? ORDER BY seq").all(binId) as StoredRequest[];

const storedById = (id: string): StoredRequest =>
  db.prepare("SELECT * FROM CapturedRequest WHERE id = ?").get(id) as StoredRequest;

const bin = (id: string): StoredBin =>
  db.prepare("SELECT requestCount, nextSeq, lastRequestAt FROM Bin WHERE id = ?").get(id) as StoredBin;

describe("seq numbering", () => {
  it("numbers a bin's captures 1..n in row order", () => {
    insertBin("a");
    const write = createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    const rows = [captureRow("a"), captureRow("a"), captureRow("a")];
    expect(write(rows)).toEqual([
      { ok: true, seq: 1, attempt: 1, deliveryKey: null },
      { ok: true, seq: 2, attempt: 1, deliveryKey: null },
      { ok: true, seq: 3, attempt: 1, deliveryKey: null },
    ]);
    expect(stored("a").map((r) => [r.id, r.seq])).toEqual(rows.map((r, i) => [r.id, i + 1]));
  });

  it("numbers two bins independently within one batch", () => {
    insertBin("a");
    insertBin("b");
    const write = createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    const results = write([captureRow("a"), captureRow("b"), captureRow("a"), captureRow("b"), captureRow("b")]);
    expect(results).toEqual([
      { ok: true, seq: 1, attempt: 1, deliveryKey: null },
      { ok: true, seq: 1, attempt: 1, deliveryKey: null },
      { ok: true, seq: 2, attempt: 1, deliveryKey: null },
      { ok: true, seq: 2, attempt: 1, deliveryKey: null },
      { ok: true, seq: 3, attempt: 1, deliveryKey: null },
    ]);
    expect(stored("a").map((r) => r.seq)).toEqual([1, 2]);
    expect(stored("b").map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it("continues numbering across batches", () => {
    insertBin("a");
    const write = createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    write([captureRow("a"), captureRow("a")]);
    expect(write([captureRow("a")])).toEqual([{ ok: true, seq: 3, attempt: 1, deliveryKey: null }]);
  });
});

describe("delivery keys", () => {
  it("computes a row's key when the capture path left it out, and numbers the event's deliveries", () => {
    insertBin("a");
    const write = createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    const unkeyed = (text: string) => {
      const { deliveryKey: _computedLater, ...row } = captureRow("a", { body: new TextEncoder().encode(text) });
      return row;
    };
    const digest = createHash("sha256").update("same event").digest("hex");
    expect(write([unkeyed("same event"), unkeyed("other event")])).toEqual([
      { ok: true, seq: 1, attempt: 1, deliveryKey: `sha256:${digest}` },
      { ok: true, seq: 2, attempt: 1, deliveryKey: expect.stringMatching(/^sha256:/) },
    ]);
    expect(write([unkeyed("same event")])).toEqual([{ ok: true, seq: 3, attempt: 2, deliveryKey: `sha256:${digest}` }]);
    expect(storedById(`req-${rowCounter}`)).toMatchObject({ deliveryKey: `sha256:${digest}`, attempt: 2 });
  });

  it("keeps the key the capture path gave, a null one included", () => {
    insertBin("a");
    const write = createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    const body = new TextEncoder().encode("hashed otherwise");
    expect(write([captureRow("a", { body, deliveryKey: "github:1" }), captureRow("a", { body })])).toEqual([
      { ok: true, seq: 1, attempt: 1, deliveryKey: "github:1" },
      { ok: true, seq: 2, attempt: 1, deliveryKey: null },
    ]);
  });
});

describe("missing bins", () => {
  it("refuses rows for a missing bin and commits the others of the batch", () => {
    insertBin("a");
    const write = createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    const results = write([captureRow("a"), captureRow("gone"), captureRow("a")]);
    expect(results[0]).toEqual({ ok: true, seq: 1, attempt: 1, deliveryKey: null });
    expect(results[1]).toMatchObject({ ok: false, code: "bin_not_found" });
    expect(results[2]).toEqual({ ok: true, seq: 2, attempt: 1, deliveryKey: null });
    expect(stored("a")).toHaveLength(2);
    expect(stored("gone")).toHaveLength(0);
  });
});

describe("body storage", () => {
  it("stores a valid UTF-8 body as text with no blob", () => {
    insertBin("a");
    const text = '\uFEFF{"name":"Zoë","price":"10€","mood":"😀"}';
    const row = captureRow("a", { body: new Uint8Array(Buffer.from(text, "utf8")) });
    createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })([row]);
    const saved = storedById(row.id);
    expect(saved.bodyText).toBe(text);
    expect(saved.body).toBeNull();
    expect(saved.bodySize).toBe(Buffer.byteLength(text));
  });

  it("keeps NUL characters of a text body", () => {
    insertBin("a");
    const row = captureRow("a", { body: new Uint8Array([0x61, 0x00, 0x62]) });
    createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })([row]);
    expect(storedById(row.id).bodyText).toBe("a\u0000b");
  });

  it("stores invalid UTF-8 as a byte-exact blob with no text", () => {
    insertBin("a");
    const bytes = [0xff, 0xfe, 0x00, 0x41, 0xc3];
    const row = captureRow("a", { body: new Uint8Array(bytes) });
    createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })([row]);
    const saved = storedById(row.id);
    expect(saved.bodyText).toBeNull();
    expect(saved.body && [...saved.body]).toEqual(bytes);
    expect(saved.bodySize).toBe(5);
  });

  it("stores a body of exactly 1 MiB as text and one byte more as a byte-exact blob", () => {
    insertBin("a");
    const atLimit = captureRow("a", { body: new Uint8Array(MAX_TEXT_BYTES).fill(0x61) });
    const overLimit = captureRow("a", { body: new Uint8Array(MAX_TEXT_BYTES + 1).fill(0x62) });
    createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })([
      atLimit,
      overLimit,
    ]);

    const small = storedById(atLimit.id);
    expect(small.bodyText).toHaveLength(MAX_TEXT_BYTES);
    expect(small.body).toBeNull();

    const large = storedById(overLimit.id);
    expect(large.bodyText).toBeNull();
    expect(large.bodySize).toBe(MAX_TEXT_BYTES + 1);
    expect(large.body?.equals(Buffer.alloc(MAX_TEXT_BYTES + 1, 0x62))).toBe(true);
  });

  it('stores an empty body as bodyText ""', () => {
    insertBin("a");
    const row = captureRow("a");
    createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })([row]);
    const saved = storedById(row.id);
    expect(saved.bodyText).toBe("");
    expect(saved.body).toBeNull();
    expect(saved.bodySize).toBe(0);
  });

  it("stores only the bytes of a body that is a view into a larger buffer", () => {
    insertBin("a");
    const backing = new Uint8Array([0x78, 0x68, 0x69, 0x78]);
    const row = captureRow("a", { body: backing.subarray(1, 3) });
    createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })([row]);
    expect(storedById(row.id).bodyText).toBe("hi");
  });
});

describe("request metadata", () => {
  it("stores headers as JSON [name, value] pairs in arrival order with case and duplicates", () => {
    insertBin("a");
    const row = captureRow("a", {
      rawHeaders: ["Host", "x", "X-Dup", "1", "content-type", "text/plain", "x-dup", "2"],
    });
    createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })([row]);
    expect(JSON.parse(storedById(row.id).headers)).toEqual([
      ["Host", "x"],
      ["X-Dup", "1"],
      ["content-type", "text/plain"],
      ["x-dup", "2"],
    ]);
  });

  it("stores the request's own fields as given", () => {
    insertBin("a");
    const row = captureRow("a", {
      method: "PROPFIND",
      url: "/h/T/a%2Fb?x=1&x=2",
      path: "/a%2Fb",
      query: "x=1&x=2",
      contentType: "application/xml",
      ip: "192.0.2.1",
      receivedAt: 1_750_000_000_123,
    });
    createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 })([row]);
    expect(storedById(row.id)).toMatchObject({
      binId: "a",
      method: "PROPFIND",
      url: "/h/T/a%2Fb?x=1&x=2",
      path: "/a%2Fb",
      query: "x=1&x=2",
      contentType: "application/xml",
      ip: "192.0.2.1",
      receivedAt: 1_750_000_000_123,
    });
  });

  it("updates the bin's requestCount, nextSeq and lastRequestAt", () => {
    insertBin("a");
    const write = createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    write([captureRow("a", { receivedAt: 5000 }), captureRow("a", { receivedAt: 7000 })]);
    expect(bin("a")).toEqual({ requestCount: 2, nextSeq: 3, lastRequestAt: 7000 });
    write([captureRow("a", { receivedAt: 9000 })]);
    expect(bin("a")).toEqual({ requestCount: 3, nextSeq: 4, lastRequestAt: 9000 });
  });
});

describe("per-bin cap", () => {
  it("keeps only the newest maxRequestsPerBin captures and never reuses a seq", () => {
    insertBin("a");
    const write = createBatchWriter(db, { maxRequestsPerBin: 3, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    const results = write([captureRow("a"), captureRow("a"), captureRow("a"), captureRow("a"), captureRow("a")]);
    expect(results.map((r) => r.ok && r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stored("a").map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(bin("a")).toMatchObject({ requestCount: 3, nextSeq: 6 });

    expect(write([captureRow("a")])).toEqual([{ ok: true, seq: 6, attempt: 1, deliveryKey: null }]);
    expect(stored("a").map((r) => r.seq)).toEqual([4, 5, 6]);
    expect(bin("a")).toMatchObject({ requestCount: 3, nextSeq: 7 });
  });

  it("caps each bin on its own", () => {
    insertBin("a");
    insertBin("b");
    const write = createBatchWriter(db, { maxRequestsPerBin: 2, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    write([captureRow("a"), captureRow("a"), captureRow("a"), captureRow("b")]);
    expect(stored("a").map((r) => r.seq)).toEqual([2, 3]);
    expect(stored("b").map((r) => r.seq)).toEqual([1]);
  });
});

describe("storage failures", () => {
  it("refuses every row of a batch when the database is full, then recovers", () => {
    const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    insertBin("a");
    const write = createBatchWriter(db, { maxRequestsPerBin: 1000, forwardQueuePerBin: 100, forwardQueueMax: 1000 });
    expect(write([captureRow("a")])).toEqual([{ ok: true, seq: 1, attempt: 1, deliveryKey: null }]);

    const pageCount = db.pragma("page_count", { simple: true }) as number;
    const originalMax = db.pragma("max_page_count", { simple: true }) as number;
    db.pragma(`max_page_count = ${pageCount}`);

    const bigBody = new Uint8Array(1_000_000).fill(0xff);
    const results = write([captureRow("a"), captureRow("a", { body: bigBody }), captureRow("a")]);
    expect(results).toHaveLength(3);
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "storage_unavailable" });
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/full/);
    errors.mockRestore();
    expect(stored("a").map((r) => r.seq)).toEqual([1]);
    expect(bin("a")).toMatchObject({ requestCount: 1, nextSeq: 2 });

    db.pragma(`max_page_count = ${originalMax}`);
    const next = captureRow("a", { body: bigBody });
    expect(write([next])).toEqual([{ ok: true, seq: 2, attempt: 1, deliveryKey: null }]);
    expect(storedById(next.id).body?.length).toBe(1_000_000);
  });
});
