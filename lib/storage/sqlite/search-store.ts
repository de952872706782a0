// The search's reads on SQLite. Both are plain SQL, run by whoever holds the connection (Prisma
// in the server, better-sqlite3 in tests), and neither loads a body into JavaScript: sizes come
// from the bodySize column, and the text match runs inside SQLite (lib/storage/sqlite/text-match.ts).
// The SQL text is made of constants only; every value is a bound parameter.
import type { SearchStore } from "../../requests/search.ts";
import type { RowFilter } from "../types.ts";
import { textMatch } from "./text-match.ts";

/** Runs one SQL statement with positional parameters and returns its rows. */
export type RunSql = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export function sqliteSearchStore(binId: string, { methods, redelivered }: RowFilter, run: RunSql): SearchStore {
  const methodSql =
    (methods ? ` AND "method" IN (${methods.map(() => "?").join(", ")})` : "") +
    (redelivered ? ` AND "attempt" > 1` : "");
  const methodParams = methods ?? [];
  return {
    sizesBelow: async (before, take) => {
      const below = before === null ? "" : ` AND "seq" < ?`;
      // One row holding a JSON array: a row per request costs far more in Prisma than in SQLite.
      const [row] = await run(
        `SELECT json_group_array(json_array("seq", "bodySize")) AS "sizes" FROM (SELECT "seq", "bodySize" FROM "CapturedRequest" WHERE "binId" = ?${methodSql}${below} ORDER BY "seq" DESC LIMIT ?)`,
        [binId, ...methodParams, ...(before === null ? [] : [before]), take],
      );
      const sizes = JSON.parse(String(row?.sizes ?? "[]")) as [number, number][];
      // An aggregate's order is not promised: newest first again here.
      return sizes.sort((a, b) => b[0] - a[0]).map(([seq, bodySize]) => ({ seq, bodySize }));
    },
    matchingSeqs: async (q, low, high, take) => {
      const match = textMatch(q);
      const rows = await run(
        `SELECT "seq" FROM "CapturedRequest" WHERE "binId" = ?${methodSql} AND "seq" BETWEEN ? AND ? AND ${match.sql} ORDER BY "seq" DESC LIMIT ?`,
        [binId, ...methodParams, low, high, ...match.params, take],
      );
      return rows.map((r) => Number(r.seq));
    },
  };
}
