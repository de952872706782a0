import { describe, expect, it } from "vitest";
import { isAccessKey } from "./keys.ts";
import { safeNextPath } from "./next-path.ts";
import { createSession, isValidSession, SESSION_COOKIE, sessionFromCookieHeader, sessionSecret } from "./session.ts";

const KEY = "k".repeat(32);
const secret = sessionSecret([KEY]);

describe("sessions", () => {
  it("accepts a session until it expires", () => {
    const session = createSession(secret, 2000);
    expect(isValidSession(secret, session, 1999)).toBe(true);
    expect(isValidSession(secret, session, 2000)).toBe(false);
  });

  it("refuses a changed expiry, a changed signature, another deployment's secret and garbage", () => {
    const session = createSession(secret, 2000);
    const [payload, signature] = session.split(".") as [string, string];
    const later = Buffer.from(JSON.stringify({ exp: 9e15 })).toString("base64url");
    expect(isValidSession(secret, `${later}.${signature}`, 1000)).toBe(false);
    expect(isValidSession(secret, `${payload}.${signature.slice(0, -1)}A`, 1000)).toBe(false);
    expect(isValidSession(sessionSecret(["x".repeat(32)]), session, 1000)).toBe(false);
    for (const junk of [undefined, "", ".", "abc", `${payload}.`, `.${signature}`]) {
      expect(isValidSession(secret, junk, 1000)).toBe(false);
    }
  });

  it("signs everyone out when the access keys change", () => {
    const session = createSession(secret, 2000);
    expect(isValidSession(sessionSecret([KEY, "n".repeat(32)]), session, 1000)).toBe(false);
    // The order the keys are listed in does not matter.
    expect(sessionSecret(["a", "b"]).equals(sessionSecret(["b", "a"]))).toBe(true);
  });

  it("finds the session cookie among others", () => {
    expect(sessionFromCookieHeader(`theme=dark; ${SESSION_COOKIE}=abc.def; x=1`)).toBe("abc.def");
    expect(sessionFromCookieHeader("theme=dark")).toBeUndefined();
    expect(sessionFromCookieHeader(undefined)).toBeUndefined();
  });
});

describe("access keys", () => {
  it("matches any configured key exactly, whatever the lengths", () => {
    const keys = [KEY, "z".repeat(40)];
    expect(isAccessKey(KEY, keys)).toBe(true);
    expect(isAccessKey("z".repeat(40), keys)).toBe(true);
    expect(isAccessKey(`${KEY} `, keys)).toBe(false);
    expect(isAccessKey("k", keys)).toBe(false);
    expect(isAccessKey(KEY, [])).toBe(false);
  });
});

describe("safeNextPath", () => {
  it("keeps paths on this site and sends anything else home", () => {
    expect(safeNextPath("/b/abc?x=1")).toBe("/b/abc?x=1");
    for (const bad of ["https://evil.example/", "//evil.example/", "/\\evil.example", "", undefined, null]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
});
