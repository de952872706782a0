// Answer rules over real captures: first match wins, each matcher, templates filled from the
// request (dotted query keys, missing values, a hostile template), the record each capture keeps,
// the API's validation, the preview, and signing secrets that never leave the server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestSummary } from "../lib/requests/types.ts";
import type { AnswerRecord } from "../lib/rules/schema.ts";
import { api, buildRequest, createBin, listRequests, rawRequest } from "./support/http.ts";
import { patchRules, setRules } from "./support/rules.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { RULE_TIMEOUT_MAX_SECONDS: "5" } });
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

type Summary = RequestSummary & { answer: AnswerRecord | null };

async function send(bin: BinJson, path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, init);
  return {
    status: res.status,
    body: await res.text(),
    headers: res.headers,
    id: res.headers.get("x-hookscope-request-id"),
  };
}

/** The stored summaries of the bin, oldest first. */
async function stored(bin: BinJson): Promise<Summary[]> {
  return ((await listRequests(server.url, bin.key)).requests as Summary[]).reverse();
}

describe("matching", () => {
  let bin: BinJson;
  beforeAll(async () => {
    bin = await createBin(server.url);
    await setRules(server.url, bin, [
      { id: "off", enabled: false, answer: { status: 299, body: "never" } },
      {
        id: "get-a",
        name: "GET under /a",
        match: { method: "get", path: "/a/**" },
        answer: { status: 201, body: "get-a" },
      },
      {
        id: "header",
        match: { headers: [{ name: "x-kind", equals: "special" }] },
        answer: { status: 202, body: "header" },
      },
      { id: "present", match: { headers: [{ name: "X-Present" }] }, answer: { status: 203, body: "present" } },
      { id: "query", match: { query: [{ name: "hub.mode", equals: "subscribe" }] }, answer: { body: "query" } },
      {
        id: "json",
        match: { body: { kind: "json", pointer: "/data/type", equals: "ping" } },
        answer: { body: "json" },
      },
      {
        id: "contains",
        match: { body: { kind: "contains", text: "needle" } },
        answer: { status: 418, body: "contains" },
      },
    ]);
  });

  it("answers with the first enabled rule that matches, else the default response", async () => {
    const cases: [string, RequestInit, number, string][] = [
      ["/a/b/c", { method: "GET" }, 201, "get-a"],
      ["/a/b", { method: "POST", body: "x" }, 200, "default"],
      ["/x", { method: "POST", headers: { "X-Kind": "special" }, body: "needle" }, 202, "header"],
      ["/x", { method: "POST", headers: { "X-Kind": "other", "x-present": "" }, body: "x" }, 203, "present"],
      ["/x?hub.mode=subscribe", { method: "POST", body: "needle" }, 200, "query"],
      ["/x?hub.mode=unsubscribe", { method: "POST", body: '{"data":{"type":"ping"}}' }, 200, "json"],
      ["/x", { method: "PUT", body: '{"data":{"type":"pong"},"note":"needle"}' }, 418, "contains"],
      ["/x", { method: "DELETE" }, 200, "default"],
    ];
    for (const [path, init, status, body] of cases) {
      const got = await send(bin, path, init);
      expect([path, got.status], `${init.method} ${path}`).toEqual([path, status]);
      if (body === "default") expect(JSON.parse(got.body)).toEqual({ ok: true, requestId: got.id });
      else expect(got.body).toBe(body);
    }
    const records = (await stored(bin)).map((r) => r.answer);
    expect(records).toEqual([
      { ruleId: "get-a", ruleName: "GET under /a", status: 201, failure: null },
      { ruleId: null, ruleName: null, status: 200, failure: null },
      { ruleId: "header", ruleName: null, status: 202, failure: null },
      { ruleId: "present", ruleName: null, status: 203, failure: null },
      { ruleId: "query", ruleName: null, status: 200, failure: null },
      { ruleId: "json", ruleName: null, status: 200, failure: null },
      { ruleId: "contains", ruleName: null, status: 418, failure: null },
      { ruleId: null, ruleName: null, status: 200, failure: null },
    ]);
  });
});

describe("templates", () => {
  it("fills query parameters with dotted keys, headers, JSON, form fields and the request id; missing values are empty", async () => {
    const bin = await createBin(server.url);
    await setRules(server.url, bin, [
      {
        match: { method: "POST", headers: [{ name: "content-type", equals: "application/json" }] },
        answer: {
          headers: [
            ["X-Challenge", "{{query.hub.challenge}}"],
            ["X-Missing", "[{{query.nope}}]"],
          ],
          body: "c={{query.hub.challenge}} q={{query.q}} h={{header.X-TRACE}} j={{json./a/b}} o={{json./a}} m=[{{query.nope}}{{json./nope}}{{header.nope}}] id={{request.id}} {{request.method}} {{request.path}}",
        },
      },
      { match: { method: "POST" }, answer: { body: "f={{form.challenge}} raw={{request.body}}" } },
    ]);
    const json = await send(bin, "/meta/hook?hub.mode=subscribe&hub.challenge=1158201444&q=a+b%26c", {
      method: "POST",
      headers: { "content-type": "application/json", "x-trace": "t-1" },
      body: '{"a":{"b":"<&>"}}',
    });
    expect(json.body).toBe(`c=1158201444 q=a b&c h=t-1 j=<&> o={"b":"<&>"} m=[] id=${json.id} POST /meta/hook`);
    expect(json.headers.get("x-challenge")).toBe("1158201444");
    expect(json.headers.get("x-missing")).toBe("[]");
    const form = await send(bin, "/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "challenge=x+y%21",
    });
    expect(form.body).toBe("f=x y! raw=challenge=x+y%21");
  });

  it("reaches nothing but the request, and keeps request text out of header framing", async () => {
    const bin = await createBin(server.url);
    const hostile =
      "[{{constructor}}][{{__proto__}}][{{query.constructor.constructor}}][{{json./constructor}}][{{process.env.HOME}}][{{> partial}}][{{#request}}{{id}}{{/request}}][{{{globalThis}}}][{{&__proto__.toString}}]";
    await setRules(server.url, bin, [{ answer: { headers: [["X-Echo", "{{query.v}}"]], body: hostile } }]);
    const got = await rawRequest(
      server.port,
      buildRequest(
        "POST",
        `/h/${bin.token}/?v=a%0D%0ASet-Cookie:%20pwned=1`,
        [
          ["Host", "x"],
          ["Content-Length", "2"],
        ],
        "{}",
      ),
    );
    expect(got.status).toBe(200);
    expect(got.body).toBe("[][][][][][][][][]");
    expect(got.header("x-echo")).toBe("aSet-Cookie: pwned=1");
    expect(got.headers.some(([name]) => name.toLowerCase() === "set-cookie")).toBe(false);
    expect(got.header("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(got.header("x-content-type-options")).toBe("nosniff");
  });
});

describe("validation", () => {
  it("refuses invalid rules with 400 and the error shape, and changes nothing", async () => {
    const bin = await createBin(server.url);
    const invalid: [unknown, RegExp][] = [
      [[{ answer: { body: "{{#open}}" } }], /rules\.0: answer\.body/],
      [[{ answer: { headers: [["Set-Cookie", "a=1"]] } }], /headers/],
      [[{ match: { path: "no-slash" } }], /match\.path/],
      [[{ id: "a" }, { id: "a" }], /rules\.1: the id "a"/],
      [[{ answer: { sign: { input: "{{query.x}}" } } }], /answer\.sign needs a secret/],
      [[{ drill: { when: { kind: "always" }, failure: { kind: "timeout", seconds: 6 } } }], /RULE_TIMEOUT_MAX_SECONDS/],
      [[{ drill: { when: { kind: "first", count: 0 }, failure: { kind: "drop" } } }], /rules\.0\.drill/],
      [[{ unknown: true }], /rules\.0/],
      ["not a list", /rules/],
    ];
    for (const [rules, message] of invalid) {
      const res = await patchRules(server.url, bin, rules);
      expect(res.status, JSON.stringify(rules)).toBe(400);
      expect(res.json.error?.code).toBe("validation_failed");
      expect(res.json.error?.message).toMatch(message);
    }
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.rules).toEqual([]);
  });
});

describe("signing secrets", () => {
  const SECRET = "zoom-secret-token-0f3c9d2a7b";

  it("are never in the bin's answers, share answers or logs, and survive a rule sent back as read", async () => {
    const bin = await createBin(server.url);
    const saved = await setRules(server.url, bin, [
      { answer: { body: "{{signature}}", sign: { input: "{{query.t}}", secret: SECRET } } },
    ]);
    const expected = (await send(bin, "/?t=abc", { method: "POST" })).body;
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(saved.rules[0]?.answer.sign?.maskedSecret).toBe(`••••••${SECRET.slice(-4)}`);

    const read = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    expect(JSON.stringify(read.json)).not.toContain(SECRET);
    const listed = await api(server.url, "/api/bins");
    expect(JSON.stringify(listed.json)).not.toContain(SECRET);

    // Sent back as read (masked, no secret), with a new name: the stored secret is kept.
    const renamed = read.json.rules.map((rule) => ({ ...rule, name: "renamed" }));
    const again = await setRules(server.url, bin, renamed);
    expect(again.rules[0]?.name).toBe("renamed");
    expect((await send(bin, "/?t=abc", { method: "POST" })).body).toBe(expected);

    const share = await api<{ id: string }>(server.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}" });
    const shared = await api(server.url, `/api/shares/${share.json.id}`);
    expect(shared.status).toBe(200);
    expect(JSON.stringify(shared.json)).not.toMatch(/rules|sign|••/);
    expect(JSON.stringify(shared.json)).not.toContain(SECRET);
    expect(server.logs()).not.toContain(SECRET);
  });
});

describe("preview", () => {
  it("answers what the saved rules, or unsaved ones, would answer to a stored capture", async () => {
    const bin = await createBin(server.url);
    await setRules(server.url, bin, [{ id: "echo", name: "Echo", answer: { body: "c={{query.hub.challenge}}" } }]);
    const { id } = await send(bin, "/?hub.challenge=42", { method: "GET" });
    const preview = (rules?: unknown) =>
      api<Record<string, unknown>>(server.url, `/api/bins/${bin.key}/rules/preview`, {
        method: "POST",
        body: JSON.stringify({ requestId: id, ...(rules === undefined ? {} : { rules }) }),
      });
    expect((await preview()).json).toEqual({
      rule: { id: "echo", name: "Echo" },
      answer: { status: 200, headers: [], body: "c=42", delayMs: 0 },
      failure: null,
      attempt: 1,
    });
    const unsaved = await preview([{ id: "x", name: "", match: { method: "POST" } }]);
    expect(unsaved.json).toMatchObject({
      rule: null,
      answer: { status: 200, body: JSON.stringify({ ok: true, requestId: id }) },
    });
    const invalid = await preview([{ answer: { body: "{{/x}}" } }]);
    expect(invalid.status).toBe(400);
    const missing = await api(server.url, `/api/bins/${bin.key}/rules/preview`, {
      method: "POST",
      body: JSON.stringify({ requestId: "0197a2b4-0000-7000-8000-000000000009" }),
    });
    expect(missing.status).toBe(404);
  });
});
