// The exact meaning of the list's `q` filter: a case-insensitive (ASCII) substring of the path,
// the query, a header value or the body text. The database narrows rows with LIKE first (a
// superset: LIKE treats % and _ as wildcards and also sees header names); this decides.
import type { HeaderPair } from "../capture/headers.ts";

const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (s) => s.toLowerCase());

export interface SearchableRow {
  path: string;
  query: string;
  /** JSON array of [name, value] pairs. */
  headers: string;
  bodyText: string | null;
}

export function textMatcher(q: string): (row: SearchableRow) => boolean {
  const needle = asciiLower(q);
  const has = (text: string | null) => text !== null && asciiLower(text).includes(needle);
  return (row) =>
    has(row.path) ||
    has(row.query) ||
    has(row.bodyText) ||
    (JSON.parse(row.headers) as HeaderPair[]).some(([, value]) => has(value));
}
