import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import type { AccessConfig } from "../access/config.ts";
import { CLIENT_IP_HEADER } from "../api/client-address.ts";
import { createHostPolicy } from "./host-policy.ts";
import { createRequestGuard } from "./request-guard.ts";

const access: AccessConfig = {
  mode: "open",
  keys: [],
  secret: Buffer.alloc(32),
  sessionTtlMs: 60_000,
  secureCookie: false,
};

/** A request from 127.0.0.1 with the headers a proxy adds, naming `forwardedHost`. */
function forwardedRequest(forwardedHost: string): IncomingMessage {
  const pairs: [string, string][] = [
    ["Host", "127.0.0.1:3000"],
    ["X-Forwarded-Proto", "https"],
    ["X-Forwarded-Host", forwardedHost],
    ["X-Forwarded-For", "203.0.113.9"],
    ["X-Forwarded-Port", "443"],
    ["Forwarded", "for=203.0.113.9;proto=https;host=evil.example"],
  ];
  return {
    method: "POST",
    url: "/api/bins",
    headers: Object.fromEntries(pairs.map(([name, value]) => [name.toLowerCase(), value])),
    rawHeaders: pairs.flat(),
    socket: { remoteAddress: "127.0.0.1" },
  } as unknown as IncomingMessage;
}

function guard(trustProxy: boolean) {
  const hosts = createHostPolicy({ HOST: "127.0.0.1", PUBLIC_URL: "https://hooks.example.com" });
  return createRequestGuard({ hosts, trustProxy, allowedOrigins: [], access });
}

const res = {} as ServerResponse;

describe("forwarded headers on the way to Next", () => {
  it("are removed without TRUST_PROXY, so Next builds request.url from the connection", () => {
    const req = forwardedRequest("evil.example");
    expect(guard(false).guardApp(req, res, "/api/bins")).toBe("pass");
    for (const name of ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-for", "x-forwarded-port", "forwarded"]) {
      expect(req.headers[name], name).toBeUndefined();
    }
    expect(req.headers[CLIENT_IP_HEADER]).toBe("127.0.0.1");
  });

  it("are kept behind a trusted proxy, whose last X-Forwarded-For is the client", () => {
    const req = forwardedRequest("hooks.example.com");
    expect(guard(true).guardApp(req, res, "/api/bins")).toBe("pass");
    expect(req.headers["x-forwarded-proto"]).toBe("https");
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.9");
  });
});
