// Which requests an export holds: the ones named by `ids` (in that order), or those the list's
// filters (`method`, `q`, `redelivered`) find: at most EXPORT_MAX_REQUESTS, the newest ones, given oldest first.
import { ApiError } from "../errors.ts";
import { ID_PATTERN } from "../ids.ts";
import { decodeCursor } from "../requests/cursor.ts";
import { parseListQuery } from "../requests/list-query.ts";
import { listBinRequests } from "../requests/service.ts";

export type ExportSelection = { ids: string[] } | { methods: string[] | null; q: string | null; redelivered: boolean };

export function parseSelection(params: URLSearchParams, max: number): ExportSelection {
  const ids = params.get("ids");
  if (ids !== null) {
    const list = ids.split(",").filter(Boolean);
    if (list.length === 0 || list.some((id) => !ID_PATTERN.test(id))) {
      throw new ApiError("validation_failed", "ids must be a comma-separated list of request ids.");
    }
    if (list.length > max) {
      throw new ApiError("validation_failed", `ids names at most ${max} requests (EXPORT_MAX_REQUESTS).`);
    }
    return { ids: [...new Set(list)] };
  }
  const { methods, q, redelivered } = parseListQuery(params);
  return { methods, q, redelivered };
}

const PAGE = 100;

/** The ids of the selected requests of a bin. Unknown ids are left to the reader. */
export async function selectedIds(binId: string, selection: ExportSelection, max: number): Promise<string[]> {
  if ("ids" in selection) return selection.ids;
  const ids: string[] = [];
  let beforeSeq: number | null = null;
  while (ids.length < max) {
    const page = await listBinRequests(binId, {
      limit: Math.min(PAGE, max - ids.length),
      beforeSeq,
      methods: selection.methods,
      q: selection.q,
      redelivered: selection.redelivered,
    });
    ids.push(...page.requests.map((r) => r.id));
    if (page.nextCursor === null) break;
    beforeSeq = decodeCursor(page.nextCursor);
  }
  return ids.reverse();
}
