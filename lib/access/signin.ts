// Signing in with an access key and out again. Failed attempts are limited per client address
// (RATE_LIMIT_SIGNIN a minute); keys are compared in constant time and never logged.
import { getEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { RateLimiter } from "../rate-limit.ts";
import { accessConfig } from "./config.ts";
import { isAccessKey } from "./keys.ts";
import { createSession, SESSION_COOKIE } from "./session.ts";

const globalForLimit = globalThis as unknown as { __hookscopeSignIn?: RateLimiter };

function failures(): RateLimiter {
  const perMinute = getEnv().RATE_LIMIT_SIGNIN;
  globalForLimit.__hookscopeSignIn ??= new RateLimiter(perMinute / 60, perMinute);
  return globalForLimit.__hookscopeSignIn;
}

const limited = (seconds: number) =>
  new ApiError("rate_limited", `Too many failed sign-ins from this address; retry after ${seconds} s.`, {
    "Retry-After": String(seconds),
  });

/** Checks the key and answers the Set-Cookie value of a new session; throws unauthorized or rate_limited. */
export function signIn(key: string, address: string, now = Date.now()): string {
  const config = accessConfig();
  const before = failures().peek(address, now);
  if (!before.ok) throw limited(before.retryAfterSeconds);
  if (config.keys.length === 0 || !isAccessKey(key, config.keys)) {
    failures().take(address, now);
    throw new ApiError("unauthorized", "That access key is not one of this server's ACCESS_KEYS.");
  }
  const expiresAt = now + config.sessionTtlMs;
  return cookie(createSession(config.secret, expiresAt), Math.floor(config.sessionTtlMs / 1000));
}

/** The Set-Cookie value that ends the session. */
export function signOut(): string {
  return cookie("", 0);
}

function cookie(value: string, maxAgeSeconds: number): string {
  const secure = accessConfig().secureCookie ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}
