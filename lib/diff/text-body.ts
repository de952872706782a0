// Two texts compared line by line with jsdiff, as unified hunks with a few lines of context.
import { structuredPatch } from "diff";
import type { HunkLine, TextHunk } from "./types.ts";

/** Unchanged lines shown around each change. */
const CONTEXT_LINES = 3;

/**
 * The hunks that turn a into b (none when equal), or null when more than `maxEdits` lines would
 * have to be added or removed: past that, the cost of the diff grows with the edits times the
 * length, so it gives up rather than hold the server.
 */
export function diffText(a: string, b: string, maxEdits: number): TextHunk[] | null {
  if (a === b) return [];
  const patch = structuredPatch("a", "b", a, b, undefined, undefined, {
    context: CONTEXT_LINES,
    maxEditLength: maxEdits,
  });
  if (!patch) return null;
  return patch.hunks.map((hunk) => ({
    aStart: hunk.oldStart,
    aLines: hunk.oldLines,
    bStart: hunk.newStart,
    bLines: hunk.newLines,
    lines: toLines(hunk.lines),
  }));
}

/** jsdiff's "\\ No newline at end of file" becomes a mark on the line before it. */
function toLines(lines: string[]): HunkLine[] {
  const out: HunkLine[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    if (line.startsWith("\\")) {
      if (previous) previous.noNewlineAtEnd = true;
      continue;
    }
    const op = line[0] === "-" || line[0] === "+" ? line[0] : " ";
    out.push({ op, text: line.slice(1) });
  }
  return out;
}
