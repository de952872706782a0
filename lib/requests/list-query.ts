// Parses the list endpoint's query string: limit, cursor, method, q and redelivered.
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { decodeCursor } from "./cursor.ts";

export interface ListQuery {
  limit: number;
  beforeSeq: number | null;
  methods: string[] | null;
  q: string | null;
  /** Only redeliveries: captures whose attempt is above 1. */
  redelivered: boolean;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** The query parameters as sent (each one's first value); the API document is built from it too. */
export const listQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .refine((limit) => Number(limit) >= 1 && Number(limit) <= MAX_LIMIT)
    .optional()
    .describe(`How many requests: a whole number from 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`),
  cursor: z.string().optional().describe("The previous page's nextCursor (opaque)."),
  method: z.string().optional().describe("One method, or a comma-separated list (case-insensitive)."),
  q: z
    .string()
    .max(500, "q is at most 500 characters.")
    .optional()
    .describe("Case-insensitive substring of the path, query, header values or bodyText."),
  redelivered: z
    .enum(["true", "false"], {
      error: (issue) => `redelivered must be true or false; got "${String(issue.input).slice(0, 80)}".`,
    })
    .optional()
    .describe("true: only redeliveries (captures whose attempt is above 1)."),
});

/** The first value of each of `names` that the query string has. */
export function firstValues(params: URLSearchParams, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (params.has(name) ? [[name, params.get(name) as string]] : [])));
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const parsed = listQuerySchema.safeParse(firstValues(params, Object.keys(listQuerySchema.shape)));
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    if (issue?.path[0] === "limit") {
      throw new ApiError(
        "invalid_limit",
        `limit must be a whole number from 1 to ${MAX_LIMIT}; got "${params.get("limit")}".`,
      );
    }
    throw new ApiError("validation_failed", issue?.message ?? "Invalid query.");
  }
  const limit = parsed.data.limit === undefined ? DEFAULT_LIMIT : Number(parsed.data.limit);
  const cursor = parsed.data.cursor;
  const method = parsed.data.method?.trim();
  let methods: string[] | null = null;
  if (method) {
    methods = method
      .split(",")
      .map((m) => m.trim().toUpperCase())
      .filter(Boolean);
    if (methods.some((m) => !/^[A-Z][A-Z-]{0,31}$/.test(m))) {
      throw new ApiError(
        "validation_failed",
        `method must be an HTTP method name such as POST (or a comma-separated list); got "${method}".`,
      );
    }
  }
  const q = parsed.data.q;
  return {
    limit,
    beforeSeq: cursor ? decodeCursor(cursor) : null,
    methods: methods && methods.length > 0 ? methods : null,
    q: q ? q : null,
    redelivered: parsed.data.redelivered === "true",
  };
}
