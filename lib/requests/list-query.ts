// Parses the list endpoint's query string: limit, cursor, method, q and redelivered.
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

export function parseListQuery(params: URLSearchParams): ListQuery {
  const rawLimit = params.get("limit");
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      throw new ApiError("invalid_limit", `limit must be a whole number from 1 to ${MAX_LIMIT}; got "${rawLimit}".`);
    }
    limit = Number(rawLimit);
  }
  const cursor = params.get("cursor");
  const method = params.get("method")?.trim();
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
  const q = params.get("q");
  if (q !== null && q.length > 500) {
    throw new ApiError("validation_failed", "q is at most 500 characters.");
  }
  return {
    limit,
    beforeSeq: cursor ? decodeCursor(cursor) : null,
    methods: methods && methods.length > 0 ? methods : null,
    q: q ? q : null,
    redelivered: parseFlag(params, "redelivered"),
  };
}

/** A true/false parameter: absent is false. */
export function parseFlag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  if (value === null || value === "false") return false;
  if (value === "true") return true;
  throw new ApiError("validation_failed", `${name} must be true or false; got "${value.slice(0, 80)}".`);
}
