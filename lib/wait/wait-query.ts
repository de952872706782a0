// Parses the wait endpoint's query string: after, method, path, q, redelivered and timeout.
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { firstValues, listQuerySchema, parseListQuery } from "../requests/list-query.ts";
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

/** The query parameters as sent (each one's first value); the API document is built from it too. */
export const waitQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .describe("Only captures with a seq above this (default: the newest stored when the wait begins)."),
  method: listQuerySchema.shape.method,
  path: z.string().optional().describe("A glob over the captured path: * within one segment, ** across segments."),
  q: listQuerySchema.shape.q,
  redelivered: listQuerySchema.shape.redelivered,
  timeout: z
    .string()
    .regex(/^\d{1,6}(\.\d{1,3})?$/)
    .optional()
    .describe(`Seconds to wait (default ${DEFAULT_WAIT_SECONDS}, 0 looks once), at most WAIT_MAX_SECONDS.`),
});

export function parseWaitQuery(params: URLSearchParams, maxSeconds: number): WaitQuery {
  // method, q and redelivered mean what they mean on the list endpoint, and are checked the same way.
  const { methods, q, redelivered } = parseListQuery(
    new URLSearchParams(firstValues(params, ["method", "q", "redelivered"])),
  );
  const parsed = waitQuerySchema.safeParse(firstValues(params, Object.keys(waitQuerySchema.shape)));
  const refused = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0]));
  const rawAfter = params.get("after");
  if (rawAfter !== null && refused.has("after")) {
    throw new ApiError(
      "validation_failed",
      `after must be a request seq (a whole number); got "${rawAfter.slice(0, 80)}".`,
    );
  }
  const rawPath = params.get("path");
  const rawTimeout = params.get("timeout");
  let seconds = Math.min(DEFAULT_WAIT_SECONDS, maxSeconds);
  if (rawTimeout !== null) {
    if (refused.has("timeout") || Number(rawTimeout) > maxSeconds) {
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
