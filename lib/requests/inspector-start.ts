// What an inspector page (the owner's /b/{key} and a share link's /s/{id}) renders first: the
// filters and selection from its address, the first page of requests under those filters, and the
// bin's newest seq, where its live stream starts.
import { ApiError } from "../errors.ts";
import { parseListQuery } from "./list-query.ts";
import { listBinRequests } from "./service.ts";
import type { RequestPage } from "./types.ts";

export type SearchParams = Record<string, string | string[] | undefined>;

export interface InspectorStart {
  firstPage: RequestPage | undefined;
  latestSeq: number;
  filters: { method: string; q: string; redelivered: boolean };
  selected: string | null;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export async function inspectorStart(binId: string, sp: SearchParams): Promise<InspectorStart> {
  const filters = { method: one(sp.method), q: one(sp.q), redelivered: one(sp.redelivered) === "true" };
  const newest = await listBinRequests(binId, parseListQuery(new URLSearchParams({ limit: "1" })));
  let firstPage: RequestPage | undefined;
  try {
    const given: [string, string][] = [
      ["method", filters.method],
      ["q", filters.q],
      ["redelivered", filters.redelivered ? "true" : ""],
    ];
    firstPage = await listBinRequests(binId, parseListQuery(new URLSearchParams(given.filter(([, v]) => v))));
  } catch (err) {
    // Filters from the address that do not parse are dropped; any other failure is the page's.
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    filters.method = "";
    filters.q = "";
    filters.redelivered = false;
  }
  return { firstPage, latestSeq: newest.requests[0]?.seq ?? 0, filters, selected: one(sp.r) || null };
}
