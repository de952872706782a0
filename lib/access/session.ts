// The sign-in session: a cookie holding its expiry, signed with HMAC-SHA256 under a secret derived
// from ACCESS_KEYS, so no session store is needed, every instance of a deployment accepts it, and
// changing the keys signs everyone out. Verification is constant-time.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "hookscope_session";

/** The signing secret for a set of access keys. */
export function sessionSecret(keys: readonly string[]): Buffer {
  return createHash("sha256")
    .update("hookscope session\0")
    .update([...keys].sort().join("\0"))
    .digest();
}

const sign = (secret: Buffer, payload: string) => createHmac("sha256", secret).update(payload).digest("base64url");

/** A session value that is valid until `expiresAt` (milliseconds since the epoch). */
export function createSession(secret: Buffer, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify({ exp: expiresAt })).toString("base64url");
  return `${payload}.${sign(secret, payload)}`;
}

/** Whether `value` is a session signed with `secret` that has not expired at `now`. */
export function isValidSession(secret: Buffer, value: string | undefined, now: number): boolean {
  if (!value) return false;
  const dot = value.indexOf(".");
  if (dot <= 0) return false;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(secret, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: unknown };
    return typeof exp === "number" && exp > now;
  } catch {
    return false;
  }
}

/** The cookie's value in a Cookie header, or undefined. */
export function sessionFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}
