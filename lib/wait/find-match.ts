// Reads a bin's captures after a seq, oldest first, for the first one that passes every filter of
// a wait. Knows nothing of HTTP or the bus: the wait handler calls it on start and on each wake.
import { ApiError } from "../errors.ts";
import { toRecord } from "../requests/serialize.ts";
import type { RequestRecord } from "../requests/types.ts";
import { storage } from "../storage/index.ts";
import type { WaitQuery } from "./wait-query.ts";

const PAGE = 500;

export interface ScanResult {
  /** The first matching capture, or null when none is stored yet. */
  match: RequestRecord | null;
  /** The newest seq examined: the next scan starts above it. */
  scannedTo: number;
}

export async function findMatch(binId: string, after: number, query: WaitQuery): Promise<ScanResult> {
  let scannedTo = after;
  for (;;) {
    const page = await storage().listAfter(binId, scannedTo, PAGE);
    const candidates = page.filter(
      (row) =>
        (query.methods === null || query.methods.includes(row.method.toUpperCase())) &&
        (!query.redelivered || row.attempt > 1) &&
        (query.path === null || query.path(row.path)),
    );
    let seqs = candidates.map((row) => row.seq);
    const first = seqs[0];
    const last = seqs.at(-1);
    if (query.q !== null && first !== undefined && last !== undefined) {
      const found = new Set(
        await storage().matchingSeqs(binId, query.q, { methods: null, low: first, high: last, take: PAGE }),
      );
      seqs = seqs.filter((seq) => found.has(seq));
    }
    for (const seq of seqs) {
      const row = candidates.find((c) => c.seq === seq);
      if (!row) continue;
      try {
        return { match: toRecord(await storage().getRequest(binId, row.id)), scannedTo: seq };
      } catch (err) {
        // Deleted since it was listed: the next candidate is the first match.
        if (!(err instanceof ApiError && err.code === "request_not_found")) throw err;
      }
    }
    const newest = page.at(-1);
    if (newest) scannedTo = newest.seq;
    if (page.length < PAGE) return { match: null, scannedTo };
  }
}
