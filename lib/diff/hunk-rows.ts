// A unified hunk laid out side by side: unchanged lines on both sides, and each run of removed
// lines beside the run of added lines that replaced it, line for line.
import type { HunkLine, TextHunk } from "./types.ts";

export interface HunkRow {
  /** The line of a on this row, with its number; null where a has none. */
  a: { number: number; line: HunkLine } | null;
  b: { number: number; line: HunkLine } | null;
}

export function hunkRows(hunk: TextHunk): HunkRow[] {
  const rows: HunkRow[] = [];
  let aNumber = hunk.aStart;
  let bNumber = hunk.bStart;
  let removed: HunkLine[] = [];
  let added: HunkLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const a = removed[i];
      const b = added[i];
      rows.push({ a: a ? { number: aNumber++, line: a } : null, b: b ? { number: bNumber++, line: b } : null });
    }
    removed = [];
    added = [];
  };
  for (const line of hunk.lines) {
    if (line.op === "-") {
      if (added.length > 0) flush();
      removed.push(line);
    } else if (line.op === "+") added.push(line);
    else {
      flush();
      rows.push({ a: { number: aNumber++, line }, b: { number: bNumber++, line } });
    }
  }
  flush();
  return rows;
}
