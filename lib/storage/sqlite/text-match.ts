// The exact meaning of the list's `q` filter: a case-insensitive (ASCII) substring of the path,
// the query, a header value (never a header name) or the body text. It is decided inside SQLite,
// so that bodies never leave the database to be searched. instr() compares the bytes of q as
// they are: `%`, `_` and `\` are not wildcards or escapes, as they would be for LIKE, which also
// stops at a NUL in the text and, for a long q on a repetitive body, took 2 s per MiB where
// instr() takes 26 ms. SQLite's own lower() folds ASCII letters only, as the contract says.

const needleOf = (q: string): string => q.replace(/[A-Z]+/g, (s) => s.toLowerCase());

/** A condition on a CapturedRequest row, true when it contains q; its parameters in order. */
export function textMatch(q: string): { sql: string; params: string[] } {
  const needle = needleOf(q);
  // The header list is stored as JSON, where a value that contains q contains it JSON-escaped:
  // that cheap test on the whole text (names too) comes first, the exact one on values second.
  const inJson = JSON.stringify(needle).slice(1, -1);
  return {
    sql: `(instr(lower("path"), ?) > 0
      OR instr(lower("query"), ?) > 0
      OR (instr(lower("headers"), ?) > 0
        AND EXISTS (SELECT 1 FROM json_each("headers") AS "h" WHERE instr(lower("h"."value" ->> 1), ?) > 0))
      OR instr(lower("bodyText"), ?) > 0)`,
    params: [needle, needle, inJson, needle, needle],
  };
}
