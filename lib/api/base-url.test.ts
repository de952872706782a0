import { afterEach, describe, expect, it } from "vitest";
import { loadEnv } from "../env.ts";
import { baseUrlFrom } from "./base-url.ts";

/** The settings getEnv() returns in this process (it reads them once, into this slot). */
const settings = globalThis as unknown as { __hookscopeEnv?: ReturnType<typeof loadEnv> };

afterEach(() => {
  settings.__hookscopeEnv = loadEnv({});
});

// What a client sends to pass for https on another host; Next builds request.url from the same
// headers, so the URL it hands over says https too.
const spoofed = new Headers({
  host: "127.0.0.1:3000",
  "x-forwarded-proto": "https",
  "x-forwarded-host": "evil.example",
  forwarded: "proto=https;host=evil.example",
});
const nextUrl = "https://evil.example/api/bins";

describe("baseUrlFrom", () => {
  it("takes neither the scheme nor the host from forwarded headers or request.url without TRUST_PROXY", () => {
    settings.__hookscopeEnv = loadEnv({});
    expect(baseUrlFrom(spoofed, nextUrl)).toBe("http://127.0.0.1:3000");
  });

  it("believes the last X-Forwarded-Proto and -Host, the ones the proxy added, with TRUST_PROXY", () => {
    settings.__hookscopeEnv = loadEnv({ TRUST_PROXY: "true" });
    const proxied = new Headers({
      host: "10.0.0.5:3000",
      "x-forwarded-proto": "http, https",
      "x-forwarded-host": "evil.example, hooks.example.com",
    });
    expect(baseUrlFrom(proxied, "http://10.0.0.5:3000/api/bins")).toBe("https://hooks.example.com");
  });

  it("uses PUBLIC_URL whatever the request says", () => {
    settings.__hookscopeEnv = loadEnv({ PUBLIC_URL: "https://hooks.example.com" });
    expect(baseUrlFrom(spoofed, nextUrl)).toBe("https://hooks.example.com");
  });
});
