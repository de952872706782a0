// What the diff pages (/b/{key}/diff and /s/{id}/diff) render: the comparison their address asks
// for, or the message of why there is none (the page itself stays a page, not a JSON error).
import type { BinOpener } from "../bins/opener.ts";
import { ApiError } from "../errors.ts";
import { parseDiffQuery } from "./diff-query.ts";
import { diffRequests } from "./service.ts";
import type { RequestDiff } from "./types.ts";

export type DiffPageData =
  | { ok: true; diff: RequestDiff; b: string }
  | { ok: false; a: string | null; b: string | null; message: string };

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export async function diffPageData(opener: BinOpener, sp: SearchParams): Promise<DiffPageData> {
  const a = one(sp.a);
  const b = one(sp.b);
  try {
    const query = parseDiffQuery(new URLSearchParams({ a: a ?? "", b: b ?? "" }));
    return { ok: true, diff: await diffRequests(opener, query.a, query.b), b: query.b };
  } catch (err) {
    // Not found and bad input are the reader's to fix; anything else is the page's failure.
    if (!(err instanceof ApiError) || err.status >= 500) throw err;
    return { ok: false, a, b, message: err.message };
  }
}
