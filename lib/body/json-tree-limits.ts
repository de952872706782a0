// How deep and how large a JSON body may be for the inspector to show it as a tree. The tree's
// renderer and the reviver that looks for rounded numbers recurse once per level: in Chromium a
// body nested 1,000 levels deep overflows the stack and takes the request's detail down. So the
// text is checked first, by a scan that neither parses nor recurses, and a body past either
// limit is shown as text.

/** Levels of nesting the JSON tree shows; real webhook payloads stay far below it. */
export const MAX_JSON_TREE_DEPTH = 100;

/**
 * Bodies larger than this (in bytes) are shown as text. The tree's rows are capped (see
 * components/body/json-view.tsx), but the parses before them grow with the size: measured in
 * Chromium on a busy 2-core machine, the worst shapes (an object with tens of thousands of keys,
 * 16-digit numbers that wake the reviver) took up to about 150 ms at 256 KiB, 250 ms at 512 KiB
 * and 600 ms at 1 MiB, on top of drawing the rows.
 */
export const MAX_JSON_TREE_BYTES = 256 * 1024;

/**
 * True when the brackets of `text` nest deeper than `limit`. Brackets inside JSON strings do not
 * count. The scan stops at the first level past the limit, so its cost is bounded by the text's
 * length, whatever the nesting.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i++;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) inString = true;
    else if (char === OPEN_ARRAY || char === OPEN_OBJECT) {
      depth++;
      if (depth > limit) return true;
    } else if (char === CLOSE_ARRAY || char === CLOSE_OBJECT) depth--;
  }
  return false;
}

/** Why a JSON text of `size` bytes cannot be shown as a tree ("nested more than ..."), or null when it can. */
export function jsonTreeRefusal(text: string, size: number): string | null {
  if (nestsDeeperThan(text, MAX_JSON_TREE_DEPTH)) {
    return `nested more than ${MAX_JSON_TREE_DEPTH} levels deep, too deep for the JSON tree`;
  }
  if (size > MAX_JSON_TREE_BYTES) {
    return `larger than ${MAX_JSON_TREE_BYTES / 1024} KiB, too large for the JSON tree`;
  }
  return null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
