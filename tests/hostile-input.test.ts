// Hostile and random input: whatever arrives is stored byte for byte, and bad API input gets the
// contract's JSON error without changing anything stored.
import http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { api, buildRequest, createBin, getBody, getRecord, listRequests, rawRequest, sha256 } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
let bin: BinJson;

beforeAll(async () => {
  server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "100000" } });
  bin = await createBin(server.url);
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

// CONNECT opens a tunnel: the bytes after its headers are not a body Node frames (it has its own test).
const methods = http.METHODS.filter((m) => m !== "CONNECT");
const pathChar = fc.constantFrom(..."abcxyzABC019-._~!$&'()*+,;=:@".split(""), "%20", "%2F", "%E2%9C%93", "/");
const queryChar = fc.constantFrom(..."abcXYZ019-._~!$'()*+,;:@/?".split(""), "=", "&", "%26", "%3D", "+", "%00");
const headerName = fc.stringMatching(/^X-[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,60}[\x21-\x7e])?$/);

const capture = fc.record({
  method: fc.constantFrom(...methods),
  path: fc.array(pathChar, { maxLength: 30 }).map((parts) => parts.join("")),
  query: fc.option(
    fc.array(queryChar, { maxLength: 40 }).map((parts) => parts.join("")),
    { nil: null },
  ),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 12 }),
  body: fc.uint8Array({ maxLength: 4096 }),
});

describe("random captures", () => {
  it("stores every random method, target, header set and body exactly as sent", async () => {
    await fc.assert(
      fc.asyncProperty(capture, async (c) => {
        const target = `/h/${bin.token}${c.path ? `/${c.path}` : ""}${c.query === null ? "" : `?${c.query}`}`;
        const headers: [string, string][] = [
          ["Host", "fuzz.example"],
          ...c.headers,
          ["Content-Length", String(c.body.length)],
        ];
        const res = await rawRequest(server.port, buildRequest(c.method, target, headers, Buffer.from(c.body)));
        expect(res.status).toBe(200);
        const id = res.header("x-hookscope-request-id") as string;
        const record = await getRecord(server.url, bin.key, id);
        expect(record.method).toBe(c.method);
        expect(record.url).toBe(target);
        expect(record.path).toBe(c.path ? `/${c.path}` : "/");
        expect(record.query).toBe(c.query ?? "");
        expect(record.headers).toEqual(headers);
        expect(record.bodySize).toBe(c.body.length);
        expect(sha256(await getBody(server.url, bin.key, id))).toBe(sha256(c.body));
      }),
      { numRuns: 60 },
    );
  });
});

describe("bad API input changes nothing", () => {
  async function snapshot() {
    const b = await api(server.url, `/api/bins/${bin.key}`);
    const page = await listRequests(server.url, bin.key, "?limit=100");
    return JSON.stringify([b.json, page]);
  }

  it("answers each bad request with a JSON error of the right status", async () => {
    const before = await snapshot();
    const id = (await listRequests(server.url, bin.key, "?limit=1")).requests[0]?.id as string;
    const cases: [string, string, RequestInit | undefined, number][] = [
      ["malformed JSON", "/api/bins", { method: "POST", body: '{"name":' }, 400],
      ["JSON that is not an object", "/api/bins", { method: "POST", body: '"name"' }, 400],
      ["deeply nested JSON", "/api/bins", { method: "POST", body: `${"[".repeat(5000)}${"]".repeat(5000)}` }, 400],
      ["malformed PATCH", `/api/bins/${bin.key}`, { method: "PATCH", body: "{{" }, 400],
      [
        "PATCH with a wrong type",
        `/api/bins/${bin.key}`,
        { method: "PATCH", body: '{"response":{"status":"200"}}' },
        400,
      ],
      [
        "PATCH with a bad forward URL",
        `/api/bins/${bin.key}`,
        { method: "PATCH", body: '{"forwardUrl":"javascript:alert(1)"}' },
        400,
      ],
      ["huge limit", `/api/bins/${bin.key}/requests?limit=99999999999999999999`, undefined, 400],
      ["negative limit", `/api/bins/${bin.key}/requests?limit=-5`, undefined, 400],
      ["garbage cursor", `/api/bins/${bin.key}/requests?cursor=%00%FF`, undefined, 400],
      [
        "forged cursor",
        `/api/bins/${bin.key}/requests?cursor=${Buffer.from("s1.-1").toString("base64url")}`,
        undefined,
        400,
      ],
      ["unknown token", "/api/bins/AAAAAAAAAAAAAAAAAAAAAAAA", undefined, 404],
      ["token with traversal", "/api/bins/..%2F..%2Fetc%2Fpasswd", undefined, 404],
      ["request id with traversal", `/api/bins/${bin.key}/requests/..%2F..%2Fhealth`, undefined, 404],
      ["request id with SQL", `/api/bins/${bin.key}/requests/'%20OR%201=1--`, undefined, 404],
      ["resend with malformed JSON", `/api/bins/${bin.key}/requests/${id}/resend`, { method: "POST", body: "{" }, 400],
      ["resend without a URL", `/api/bins/${bin.key}/requests/${id}/resend`, { method: "POST", body: "{}" }, 400],
      [
        "resend with body and bodyBase64",
        `/api/bins/${bin.key}/requests/${id}/resend`,
        { method: "POST", body: '{"url":"http://127.0.0.1:9/","body":"a","bodyBase64":"YQ=="}' },
        400,
      ],
      ["stream with a bad resume point", `/api/bins/${bin.key}/stream?since=-1`, undefined, 400],
      [
        "PATCH sent as a text/plain form",
        `/api/bins/${bin.key}`,
        { method: "PATCH", body: '{"name":"x"}', headers: { "content-type": "text/plain" } },
        415,
      ],
    ];
    for (const [what, path, init, status] of cases) {
      const res = await fetch(`${server.url}${path}`, {
        ...init,
        headers: { "content-type": "application/json", ...(init?.headers as Record<string, string>) },
      });
      expect(res.status, what).toBe(status);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code, what).toMatch(/^[a-z_]+$/);
      expect(json.error.message.length, what).toBeGreaterThan(10);
    }
    expect(await snapshot()).toBe(before);
  });

  it("does not let a capture path reach the API or the filesystem", async () => {
    const before = await snapshot();
    for (const target of [
      "/h/../api/bins",
      `/h/${bin.token}/../../api/bins`,
      "/h/%2e%2e/api/health",
      "/h/..%2F..%2Fetc%2Fpasswd",
    ]) {
      const res = await rawRequest(
        server.port,
        buildRequest("DELETE", target, [
          ["Host", "x"],
          ["Content-Length", "0"],
        ]),
      );
      if (res.status === 200) {
        // Only a capture into this bin may succeed, and it is stored with its raw target.
        const record = await getRecord(server.url, bin.key, res.header("x-hookscope-request-id") as string);
        expect(record.url).toBe(target);
      } else {
        expect(res.status, target).toBe(404);
        expect(JSON.parse(res.body).error.code).toBe("bin_not_found");
      }
    }
    const after = JSON.parse(await snapshot()) as [BinJson, { requests: { url?: string }[] }];
    expect(after[0].token).toBe(bin.token);
    expect(JSON.parse(before)[0].token).toBe(bin.token);
  });
});
