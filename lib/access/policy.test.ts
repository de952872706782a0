import { describe, expect, it } from "vitest";
import { type AccessMode, accessVerdict } from "./policy.ts";

// [mode, method, path, signed in, verdict]
const table: [AccessMode, string, string, boolean, "allow" | "sign_in"][] = [
  ["open", "POST", "/api/bins", false, "allow"],
  ["open", "GET", "/b/abc", false, "allow"],
  ["restricted", "POST", "/api/bins", false, "sign_in"],
  ["restricted", "POST", "/api/bins", true, "allow"],
  ["restricted", "GET", "/", false, "allow"],
  ["restricted", "GET", "/api/bins/abc/requests", false, "allow"],
  ["restricted", "DELETE", "/api/bins/abc", false, "allow"],
  ["private", "GET", "/", false, "sign_in"],
  ["private", "GET", "/b/abc", false, "sign_in"],
  ["private", "GET", "/api/bins/abc", false, "sign_in"],
  ["private", "GET", "/api/bins/abc/stream", false, "sign_in"],
  ["private", "GET", "/api/bins/abc/requests/r1/body", false, "sign_in"],
  ["private", "POST", "/api/bins", false, "sign_in"],
  ["private", "GET", "/api/bins/abc", true, "allow"],
  ["private", "GET", "/api/health", false, "allow"],
  ["private", "GET", "/signin", false, "allow"],
  ["private", "POST", "/api/session", false, "allow"],
  ["private", "GET", "/s/share1", false, "allow"],
  ["private", "GET", "/s/share1/diff", false, "allow"],
  ["private", "GET", "/api/shares/share1/diff", false, "allow"],
  ["private", "GET", "/api/shares/share1/requests", false, "allow"],
  ["private", "GET", "/api/shares/share1", false, "allow"],
  ["private", "GET", "/api/shares/share1/requests/r1/body", false, "allow"],
  ["private", "GET", "/api/shares/share1/stream", false, "allow"],
  // Changes through a share link get past sign-in only to be refused as read-only (405).
  ["private", "DELETE", "/api/shares/share1/requests", false, "allow"],
  // Managing a bin's share links takes the key, and in private mode a signed-in caller.
  ["private", "POST", "/api/bins/abc/shares", false, "sign_in"],
  ["private", "DELETE", "/api/bins/abc/shares/share1", false, "sign_in"],
  ["private", "GET", "/_next/static/chunks/app.js", false, "allow"],
  ["private", "GET", "/icon.svg", false, "allow"],
  // The API document describes shapes only, the same for every instance.
  ["private", "GET", "/api/openapi.json", false, "allow"],
  ["private", "GET", "/docs/api", false, "allow"],
  // Look-alikes of open paths stay closed.
  ["private", "GET", "/api/healthz", false, "sign_in"],
  ["private", "GET", "/signin/../b/abc", false, "sign_in"],
  ["private", "GET", "/s/share1/extra", false, "sign_in"],
  ["private", "GET", "/s/share1/diff/extra", false, "sign_in"],
  ["private", "GET", "/api/sharesx/share1", false, "sign_in"],
  ["private", "GET", "/_next/data/x.json", false, "sign_in"],
  ["private", "GET", "/api/openapi.jsonx", false, "sign_in"],
  ["private", "GET", "/docs/api/../../b/abc", false, "sign_in"],
];

describe("accessVerdict", () => {
  it.each(table)("%s: %s %s (signed in: %s) → %s", (mode, method, path, signedIn, verdict) => {
    expect(accessVerdict(mode, method, path, signedIn)).toBe(verdict);
  });
});
