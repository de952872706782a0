import { describe, expect, it } from "vitest";
import { MAX_TEXT_BYTES } from "../body/detect.ts";
import { CHUNK_ROWS, examineCost, ROW_BYTES, type SearchStore, searchRequests } from "./search.ts";

/**
 * A bin in memory whose bodies are searched as SQLite does it (newest first, stopping once
 * `take` rows matched), recording every row it examined.
 */
function memoryStore(bodies: (string | { binarySize: number })[]) {
  const rows = bodies.map((body, i) => ({
    seq: i + 1,
    bodySize: typeof body === "string" ? Buffer.byteLength(body) : body.binarySize,
    text: typeof body === "string" ? body.toLowerCase() : null,
  }));
  const examined: number[] = [];
  const newestFirst = () => [...rows].reverse();
  const store: SearchStore = {
    sizesBelow: async (before, take) =>
      newestFirst()
        .filter((r) => before === null || r.seq < before)
        .slice(0, take)
        .map(({ seq, bodySize }) => ({ seq, bodySize })),
    matchingSeqs: async (q, low, high, take) => {
      const found: number[] = [];
      for (const row of newestFirst().filter((r) => r.seq >= low && r.seq <= high)) {
        if (found.length === take) break;
        examined.push(row.seq);
        if (row.text?.includes(q.toLowerCase())) found.push(row.seq);
      }
      return found;
    },
  };
  return { store, examined };
}

/** Every page of a search, following continueBelow and the last row as the API's cursor does. */
async function allPages(store: SearchStore, q: string, limit: number, budget: number) {
  const pages: number[][] = [];
  let before: number | null = null;
  for (;;) {
    const { seqs, continueBelow } = await searchRequests(store, q, before, limit + 1, budget);
    const page = seqs.slice(0, limit);
    pages.push(page);
    const last = page.at(-1);
    if (seqs.length > limit && last !== undefined) before = last;
    else if (continueBelow !== null) before = continueBelow;
    else return pages;
  }
}

describe("searchRequests", () => {
  it("examines no more text than the budget, and continues below the last row it examined", async () => {
    const { store, examined } = memoryStore(Array.from({ length: 20 }, () => "x".repeat(1000)));
    const budget = 5 * examineCost(1000);
    expect(await searchRequests(store, "needle", null, 51, budget)).toEqual({ seqs: [], continueBelow: 16 });
    expect(examined).toEqual([20, 19, 18, 17, 16]);
  });

  it("bounds a one-character query the same way", async () => {
    const { store, examined } = memoryStore(Array.from({ length: 20 }, (_, i) => (i === 2 ? "_" : "x".repeat(1000))));
    const budget = 5 * examineCost(1000);
    expect(await searchRequests(store, "_", null, 51, budget)).toEqual({ seqs: [], continueBelow: 16 });
    expect(await searchRequests(store, "_", 6, 51, budget)).toEqual({ seqs: [3], continueBelow: null });
    expect(examined).toEqual([20, 19, 18, 17, 16, 5, 4, 3, 2, 1]);
  });

  it("examines one row per call when a single row is over the budget, so paging moves on", async () => {
    const { store, examined } = memoryStore(["big needle".padEnd(MAX_TEXT_BYTES, "x"), "x".repeat(MAX_TEXT_BYTES)]);
    expect(await searchRequests(store, "needle", null, 51, 1024)).toEqual({ seqs: [], continueBelow: 2 });
    expect(await searchRequests(store, "needle", 2, 51, 1024)).toEqual({ seqs: [1], continueBelow: null });
    expect(examined).toEqual([2, 1]);
  });

  it("stops once a page is full", async () => {
    const { store, examined } = memoryStore(Array.from({ length: 10 }, () => "needle"));
    expect(await searchRequests(store, "needle", null, 3, 1 << 30)).toEqual({ seqs: [10, 9, 8], continueBelow: null });
    expect(examined).toEqual([10, 9, 8]);
  });

  it("does not count bodies that are not stored as text", async () => {
    const { store, examined } = memoryStore([{ binarySize: 5 * MAX_TEXT_BYTES }, { binarySize: 5 * MAX_TEXT_BYTES }]);
    expect(examineCost(5 * MAX_TEXT_BYTES)).toBe(ROW_BYTES);
    expect(await searchRequests(store, "x", null, 51, 2 * ROW_BYTES)).toEqual({ seqs: [], continueBelow: null });
    expect(examined).toEqual([2, 1]);
  });

  it("reads on across chunks of sizes when the budget allows", async () => {
    const count = CHUNK_ROWS * 2 + 7;
    const { store, examined } = memoryStore(Array.from({ length: count }, (_, i) => (i === 0 ? "needle" : "hay")));
    const budget = count * examineCost("needle".length);
    expect(await searchRequests(store, "needle", null, 51, budget)).toEqual({ seqs: [1], continueBelow: null });
    expect(examined).toHaveLength(count);
  });

  it("finds every match exactly once, newest first, whatever the page size and budget", async () => {
    const bodies = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `match ${i}` : "x".repeat(i * 40)));
    const { store } = memoryStore(bodies);
    const expected = bodies
      .map((body, i) => ({ body, seq: i + 1 }))
      .filter(({ body }) => body.includes("match"))
      .map(({ seq }) => seq)
      .reverse();
    for (const limit of [1, 2, 7, 100]) {
      for (const budget of [1, examineCost(100), 3 * examineCost(1000), 1 << 30]) {
        const pages = await allPages(store, "MATCH", limit, budget);
        expect(pages.flat(), `limit ${limit}, budget ${budget}`).toEqual(expected);
        expect(pages.every((p) => p.length <= limit)).toBe(true);
      }
    }
  });
});
