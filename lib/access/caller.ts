// Who is calling: signed in with the session cookie, or with `Authorization: Bearer <access key>`.
// Decided once, by the request guard on node:http; route handlers and pages read the verdict from
// a header the guard sets (after removing any value the client sent).
import type { AccessConfig } from "./config.ts";
import { isAccessKey } from "./keys.ts";
import { isValidSession, sessionFromCookieHeader } from "./session.ts";

/** "1" on a request the guard found signed in; absent otherwise. */
export const SIGNED_IN_HEADER = "x-hookscope-signed-in";

export function isSignedIn(
  headers: { cookie?: string | undefined; authorization?: string | undefined },
  config: AccessConfig,
  now: number,
): boolean {
  if (config.keys.length === 0) return false;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "")?.[1];
  if (bearer !== undefined) return isAccessKey(bearer, config.keys);
  return isValidSession(config.secret, sessionFromCookieHeader(headers.cookie), now);
}

/** Whether the guard found this request signed in (route handlers, pages). */
export function signedIn(headers: { get(name: string): string | null }): boolean {
  return headers.get(SIGNED_IN_HEADER) === "1";
}
