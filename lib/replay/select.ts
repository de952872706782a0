// Which captures a replay sends: the ids given, or every capture the list would show with the
// filter, oldest first. Only summaries are read here; each body is read just before its send.

import { getEnv } from "../env.ts";
import { ApiError, requestNotFound } from "../errors.ts";
import { parseListQuery } from "../requests/list-query.ts";
import { type SearchStore, searchRequests } from "../requests/search.ts";
import { storage } from "../storage/index.ts";
import type { RowFilter, SummaryRow } from "../storage/types.ts";
import type { ReplayInput } from "./schema.ts";

export type ReplayCapture = Pick<SummaryRow, "id" | "seq" | "method" | "path" | "query">;

/** Rows read at once when listing a bin. */
const PAGE = 500;

/**
 * The captures to send, in ascending seq. Throws request_not_found naming an id that is not a
 * capture of this bin, and validation_failed when more than `max` captures would be sent.
 */
export async function selectCaptures(
  binId: string,
  input: Pick<ReplayInput, "ids" | "filter">,
  max: number,
  tooMany: () => ApiError,
): Promise<ReplayCapture[]> {
  const found = input.ids ? await byIds(binId, input.ids) : await byFilter(binId, input.filter ?? {}, max);
  if (found.length > max) throw tooMany();
  return found
    .map(({ id, seq, method, path, query }) => ({ id, seq, method, path, query }))
    .sort((a, b) => a.seq - b.seq);
}

async function byIds(binId: string, ids: string[]): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  for (const id of new Set(ids)) {
    try {
      rows.push(await storage().getRequest(binId, id));
    } catch (err) {
      if (err instanceof ApiError && err.code === "request_not_found") throw requestNotFound(id.slice(0, 80));
      throw err;
    }
  }
  return rows;
}

/** Up to max + 1 captures that pass the filter: one more than allowed is enough to refuse. */
async function byFilter(
  binId: string,
  filter: { method?: string; q?: string; redelivered?: boolean },
  max: number,
): Promise<SummaryRow[]> {
  const params = new URLSearchParams();
  if (filter.method) params.set("method", filter.method);
  if (filter.q) params.set("q", filter.q);
  if (filter.redelivered) params.set("redelivered", "true");
  const { methods, q, redelivered } = parseListQuery(params);
  const wanted = max + 1;
  if (q) return searchAll(binId, { methods, redelivered }, q, wanted);
  const rows: SummaryRow[] = [];
  let beforeSeq: number | null = null;
  while (rows.length < wanted) {
    const page = await storage().listRequests(binId, { methods, redelivered, beforeSeq, take: PAGE });
    rows.push(...page);
    if (page.length < PAGE) break;
    beforeSeq = (page.at(-1) as SummaryRow).seq;
  }
  return rows;
}

/** The text search over the whole bin, call after call of the list's search, each under its read budget. */
async function searchAll(binId: string, kept: RowFilter, q: string, wanted: number): Promise<SummaryRow[]> {
  const store: SearchStore = {
    sizesBelow: (beforeSeq, take) => storage().requestSizes(binId, { ...kept, beforeSeq, take }),
    matchingSeqs: (text, low, high, take) => storage().matchingSeqs(binId, text, { ...kept, low, high, take }),
  };
  const budget = getEnv().SEARCH_SCAN_MAX_BYTES;
  const seqs: number[] = [];
  let before: number | null = null;
  for (;;) {
    const found = await searchRequests(store, q, before, wanted - seqs.length, budget);
    seqs.push(...found.seqs);
    if (seqs.length >= wanted || found.continueBelow === null) break;
    before = found.continueBelow;
  }
  const rows: SummaryRow[] = [];
  for (let i = 0; i < seqs.length; i += PAGE)
    rows.push(...(await storage().listBySeqs(binId, seqs.slice(i, i + PAGE))));
  return rows;
}
