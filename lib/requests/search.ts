// Text search over one bin's requests, newest first, reading a bounded amount of stored text per
// call. Each call examines rows, newest first, until SEARCH_SCAN_MAX_BYTES of text is read; a
// page cut short by that budget carries a cursor that continues below the last row examined.
// There is no full-text index: a trigram index (SQLite FTS5) kept in the capture transaction
// multiplied the writer's cost of a 1 KB webhook by 20 or more and spent seconds on a 1 MiB body
// of random text, to index bodies that are mostly never searched. This file knows nothing of
// SQL; lib/storage/sqlite/search-store.ts holds SQLite's side.
import { MAX_TEXT_BYTES } from "../body/detect.ts";

/** Rows whose size is read at once. */
export const CHUNK_ROWS = 512;

/**
 * What examining a row costs, in bytes of text: its body when stored as text, plus a fixed share
 * for the path, query and header list (typically well under this) and the row's own overhead.
 */
export const ROW_BYTES = 2048;
export const examineCost = (bodySize: number): number => ROW_BYTES + (bodySize <= MAX_TEXT_BYTES ? bodySize : 0);

/** Storage for one bin (and its method filter), as the search reads it. */
export interface SearchStore {
  /** Up to `take` rows with seq below `before` (all rows when null), newest first: seq and body size only. */
  sizesBelow(before: number | null, take: number): Promise<{ seq: number; bodySize: number }[]>;
  /** The seqs of up to `take` rows with low <= seq <= high that contain q (see Storage.matchingSeqs), newest first. */
  matchingSeqs(q: string, low: number, high: number, take: number): Promise<number[]>;
}

export interface SearchResult {
  /** Up to `wanted` seqs of matching rows, newest first. */
  seqs: number[];
  /** When the budget ran out before the oldest row: the seq of the last row examined. */
  continueBelow: number | null;
}

export async function searchRequests(
  store: SearchStore,
  q: string,
  beforeSeq: number | null,
  wanted: number,
  budgetBytes: number,
): Promise<SearchResult> {
  const seqs: number[] = [];
  let before = beforeSeq;
  let spent = 0;
  for (;;) {
    const sizes = await store.sizesBelow(before, CHUNK_ROWS);
    let taken = 0;
    // The first row is examined whatever it costs, so that every call moves the cursor on.
    for (const { bodySize } of sizes) {
      if (spent > 0 && spent + examineCost(bodySize) > budgetBytes) break;
      spent += examineCost(bodySize);
      taken++;
    }
    const newest = sizes[0];
    const oldest = sizes[taken - 1];
    if (!newest || !oldest) return { seqs, continueBelow: taken < sizes.length ? before : null };
    seqs.push(...(await store.matchingSeqs(q, oldest.seq, newest.seq, wanted - seqs.length)));
    if (seqs.length >= wanted) return { seqs, continueBelow: null };
    if (taken < sizes.length) return { seqs, continueBelow: oldest.seq };
    if (sizes.length < CHUNK_ROWS) return { seqs, continueBelow: null };
    before = oldest.seq;
  }
}
