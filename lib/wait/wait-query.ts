// Parses the wait endpoint's query string: after, method, path, q, redelivered and timeout.
import { ApiError } from "../errors.ts";
import { parseListQuery } from "../requests/list-query.ts";
import { compilePathGlob, type PathMatcher } from "./path-glob.ts";

export const DEFAULT_WAIT_SECONDS = 30;

export interface WaitQuery {
  /** Only captures with a seq above this; null for "the newest stored when the wait begins". */
  after: number | null;
  /** Only these methods (upper case); null for any. */
  methods: string[] | null;
  path: PathMatcher | null;
  q: string | null;
  /** Only redeliveries (attempt > 1). */
  redelivered: boolean;
  timeoutMs: number;
}

export function parseWaitQuery(params: URLSearchParams, maxSeconds: number): WaitQuery {
  // method, q and redelivered mean what they mean on the list endpoint, and are checked the same way.
  const { methods, q, redelivered } = parseListQuery(new URLSearchParams(pick(params, ["method", "q", "redelivered"])));
  const rawAfter = params.get("after");
  if (rawAfter !== null && !/^\d{1,15}$/.test(rawAfter)) {
    throw new ApiError(
      "validation_failed",
      `after must be a request seq (a whole number); got "${rawAfter.slice(0, 80)}".`,
    );
  }
  const rawPath = params.get("path");
  const rawTimeout = params.get("timeout");
  let seconds = Math.min(DEFAULT_WAIT_SECONDS, maxSeconds);
  if (rawTimeout !== null) {
    if (!/^\d{1,6}(\.\d{1,3})?$/.test(rawTimeout) || Number(rawTimeout) > maxSeconds) {
      throw new ApiError(
        "validation_failed",
        `timeout must be a number of seconds from 0 to ${maxSeconds} (WAIT_MAX_SECONDS); got "${rawTimeout.slice(0, 80)}".`,
      );
    }
    seconds = Number(rawTimeout);
  }
  return {
    after: rawAfter === null ? null : Number(rawAfter),
    methods,
    path: rawPath ? compilePathGlob(rawPath) : null,
    q,
    redelivered,
    timeoutMs: Math.round(seconds * 1000),
  };
}

function pick(params: URLSearchParams, names: string[]): [string, string][] {
  return names.flatMap((name) => {
    const value = params.get(name);
    return value === null ? [] : [[name, value] as [string, string]];
  });
}
