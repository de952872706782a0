// The `path` filter of the wait endpoint: a glob over the captured sub-path (the part after
// /h/{token}, without the query), matched whole. `*` is any run of characters within one segment,
// `**` any run across segments; every other character stands for itself, compared as sent (no
// percent-decoding), so `/orders/*` matches `/orders/42` but not `/orders/42/items`.
// Matched by a walk over the pattern's parts that keeps the set of path positions reached, not by
// a regular expression: the path is the sender's, and `**a**a**a` against a long path of `a`s
// would make a backtracking engine take exponential time. This costs at most parts × path length.
import { ApiError } from "../errors.ts";

export const MAX_PATH_PATTERN = 200;

export type PathMatcher = (path: string) => boolean;

type Part = { literal: string } | { star: "segment" | "any" };

export function compilePathGlob(pattern: string): PathMatcher {
  if (!pattern.startsWith("/") || pattern.length > MAX_PATH_PATTERN) {
    throw new ApiError(
      "validation_failed",
      `path must start with / and be at most ${MAX_PATH_PATTERN} characters (a glob: * within a segment, ** across); got "${pattern.slice(0, 80)}".`,
    );
  }
  const parts: Part[] = [];
  for (const piece of pattern.split(/(\*+)/)) {
    if (piece === "") continue;
    parts.push(piece.startsWith("*") ? { star: piece.length > 1 ? "any" : "segment" } : { literal: piece });
  }
  return (path) => matchParts(parts, path);
}

function matchParts(parts: Part[], path: string): boolean {
  const n = path.length;
  // reached[i]: the parts so far can match path[0, i).
  let reached = new Uint8Array(n + 1);
  reached[0] = 1;
  for (const part of parts) {
    const next = new Uint8Array(n + 1);
    if ("literal" in part) {
      const { literal } = part;
      for (let i = 0; i + literal.length <= n; i++) {
        if (reached[i] && path.startsWith(literal, i)) next[i + literal.length] = 1;
      }
    } else {
      let open = false;
      for (let j = 0; j <= n; j++) {
        if (reached[j]) open = true;
        if (open) next[j] = 1;
        if (part.star === "segment" && path[j] === "/") open = false;
      }
    }
    reached = next;
  }
  return reached[n] === 1;
}
