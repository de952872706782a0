// Which captures a replay sends: the ids given, or every capture the list would show with the
// filter, oldest first. Only summaries are read here; each body is read just before its send.

import { ApiError, requestNotFound } from "../errors.ts";
import { decodeCursor } from "../requests/cursor.ts";
import { parseListQuery } from "../requests/list-query.ts";
import { listBinRequests } from "../requests/service.ts";
import { storage } from "../storage/index.ts";
import type { SummaryRow } from "../storage/types.ts";
import type { ReplayFilter, ReplayInput } from "./schema.ts";

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
  const found: ReplayCapture[] = input.ids
    ? await byIds(binId, input.ids)
    : await byFilter(binId, input.filter ?? {}, max);
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

/**
 * Up to max + 1 captures that pass the filter, read page after page as the list reads them (its
 * search budget per page included): one more than allowed is enough to refuse.
 */
async function byFilter(binId: string, filter: ReplayFilter, max: number): Promise<ReplayCapture[]> {
  const params = new URLSearchParams();
  if (filter.method) params.set("method", filter.method);
  if (filter.q) params.set("q", filter.q);
  if (filter.redelivered) params.set("redelivered", "true");
  const query = parseListQuery(params);
  const wanted = max + 1;
  const found: ReplayCapture[] = [];
  let beforeSeq: number | null = null;
  while (found.length < wanted) {
    const page = await listBinRequests(binId, { ...query, beforeSeq, limit: Math.min(PAGE, wanted - found.length) });
    found.push(...page.requests);
    if (page.nextCursor === null) break;
    beforeSeq = decodeCursor(page.nextCursor);
  }
  return found;
}
