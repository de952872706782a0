// Bin creation per client address (RATE_LIMIT_BIN_CREATION a minute, that many at once), so that
// nobody can fill the database with empty bins. One limiter per process, on globalThis: Next's
// bundle and the custom server each load their own copy of this module.
import { getEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { RateLimiter } from "../rate-limit.ts";

const globalForLimit = globalThis as unknown as { __hookscopeBinCreation?: RateLimiter };

function limiter(): RateLimiter {
  const perMinute = getEnv().RATE_LIMIT_BIN_CREATION;
  globalForLimit.__hookscopeBinCreation ??= new RateLimiter(perMinute / 60, perMinute);
  return globalForLimit.__hookscopeBinCreation;
}

/** Counts one bin creation for the address; throws rate_limited (429) past the limit. */
export function takeBinCreation(address: string, now = Date.now()): void {
  const verdict = limiter().take(address, now);
  if (verdict.ok) return;
  throw new ApiError(
    "rate_limited",
    `Too many bins created from this address (RATE_LIMIT_BIN_CREATION=${getEnv().RATE_LIMIT_BIN_CREATION} a minute); retry after ${verdict.retryAfterSeconds} s.`,
    { "Retry-After": String(verdict.retryAfterSeconds) },
  );
}
