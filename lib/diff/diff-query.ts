// The query of GET .../diff: a (a request id) and b (a request id, or a word such as "previous").
import { ApiError, requestNotFound } from "../errors.ts";
import { ID_PATTERN } from "../ids.ts";
import { COUNTERPART_WORDS, isCounterpartWord } from "./counterpart.ts";

export interface DiffQuery {
  a: string;
  b: string;
}

/** Throws validation_failed (400) when a or b is missing, request_not_found (404) for an id that cannot exist. */
export function parseDiffQuery(params: URLSearchParams): DiffQuery {
  const a = params.get("a");
  const b = params.get("b");
  const words = COUNTERPART_WORDS.map((word) => `"${word}"`).join(", ");
  if (!a || !b) {
    throw new ApiError(
      "validation_failed",
      `Give the two requests to compare: ?a=<request id>&b=<request id or ${words}>.`,
    );
  }
  if (!ID_PATTERN.test(a)) throw requestNotFound(a.slice(0, 80));
  if (!ID_PATTERN.test(b) && !isCounterpartWord(b)) throw requestNotFound(b.slice(0, 80));
  return { a, b };
}
