// The search's reads on PostgreSQL (see lib/storage/sqlite/search-store.ts for SQLite's). Neither
// loads a body into JavaScript: sizes come from the bodySize column and the text match runs
// inside PostgreSQL. The SQL text is made of constants only; every value is a bound parameter.
import type { SearchStore } from "../../requests/search.ts";
import type { RowFilter } from "../types.ts";

/** Runs one SQL statement with $n parameters and returns its rows. */
export type RunSql = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * lower() under the "C" collation folds ASCII letters only, whatever the database's locale, as
 * the contract says; strpos() takes q's characters as themselves, where LIKE would read `%`, `_`
 * and `\` as wildcards and escapes.
 */
const folded = (column: string) => `lower(${column} COLLATE "C")`;

const needleOf = (q: string): string => q.replace(/[A-Z]+/g, (s) => s.toLowerCase());

/** A condition on a CapturedRequest row, true when it contains the needle at $first (JSON-escaped at $first + 1). */
function textMatch(first: number): string {
  const needle = `$${first}`;
  const inJson = `$${first + 1}`;
  // The header list is JSON text, where a value that contains q contains it JSON-escaped: that
  // cheap test on the whole text (names too) comes first, the exact one on values second.
  return `(strpos(${folded('"path"')}, ${needle}) > 0
    OR strpos(${folded('"query"')}, ${needle}) > 0
    OR (strpos(${folded('"headers"')}, ${inJson}) > 0
      AND EXISTS (SELECT 1 FROM json_array_elements("headers"::json) AS "h" WHERE strpos(${folded('("h" ->> 1)')}, ${needle}) > 0))
    OR strpos(${folded('"bodyText"')}, ${needle}) > 0)`;
}

export function postgresSearchStore(binId: string, { methods, redelivered }: RowFilter, run: RunSql): SearchStore {
  // $1 is the bin, then one parameter per method; the rest follow.
  const methodSql =
    (methods ? ` AND "method" IN (${methods.map((_, i) => `$${i + 2}`).join(", ")})` : "") +
    (redelivered ? ` AND "attempt" > 1` : "");
  const base = [binId, ...(methods ?? [])];
  const next = base.length + 1;
  return {
    sizesBelow: async (before, take) => {
      const below = before === null ? "" : ` AND "seq" < $${next + 1}::bigint`;
      // One row holding a JSON array: a row per request costs far more in Prisma than in PostgreSQL.
      const [row] = await run(
        `SELECT coalesce(json_agg(json_build_array("seq", "bodySize"))::text, '[]') AS "sizes" FROM (SELECT "seq", "bodySize" FROM "CapturedRequest" WHERE "binId" = $1${methodSql}${below} ORDER BY "seq" DESC LIMIT $${next}) AS "page"`,
        [...base, take, ...(before === null ? [] : [before])],
      );
      const sizes = JSON.parse(String(row?.sizes ?? "[]")) as [number, number][];
      // An aggregate's order is not promised: newest first again here.
      return sizes.sort((a, b) => b[0] - a[0]).map(([seq, bodySize]) => ({ seq, bodySize }));
    },
    matchingSeqs: async (q, low, high, take) => {
      const needle = needleOf(q);
      const rows = await run(
        `SELECT "seq" FROM "CapturedRequest" WHERE "binId" = $1${methodSql} AND "seq" BETWEEN $${next}::bigint AND $${next + 1}::bigint AND ${textMatch(next + 3)} ORDER BY "seq" DESC LIMIT $${next + 2}`,
        [...base, low, high, take, needle, JSON.stringify(needle).slice(1, -1)],
      );
      return rows.map((r) => Number(r.seq));
    },
  };
}
