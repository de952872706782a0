// Resending a captured request to another URL: byte-exact (a Stripe signature still verifies at
// the target), overrides, hop-by-hop headers, the target's answer recorded, failures as 502s.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { ResendItem, ResendList } from "../lib/resend/types.ts";
import { api, buildRequest, createBin, rawRequest } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { closedPort, header, startTarget, type Target } from "./support/target.ts";

const MAX_RESPONSE = 4096;
let server: TestServer;
let target: Target;
let bin: BinJson;

beforeAll(async () => {
  [server, target] = await Promise.all([
    startServer({ env: { RESEND_TIMEOUT_MS: "500", RESEND_MAX_RESPONSE_BYTES: String(MAX_RESPONSE) } }),
    startTarget(),
  ]);
  bin = await createBin(server.url);
});
afterAll(async () => {
  await Promise.all([server?.stop(), target?.close()]);
  cleanupServers();
});

type ErrorJson = { error: { code: string; message: string } };

async function capture(path: string, init: RequestInit): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, init);
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const resend = (id: string, body: unknown, key = bin.key) =>
  api<ResendItem & ErrorJson>(server.url, `/api/bins/${key}/requests/${id}/resend`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

const history = async (id: string) =>
  (await api<ResendList>(server.url, `/api/bins/${bin.key}/requests/${id}/resends`)).json.resends;

describe("resend", () => {
  it("delivers a Stripe-signed payload byte-exactly: the target verifies the signature", async () => {
    const stripe = new Stripe("sk_test_unused");
    const secret = "whsec_resend_secret";
    const payload = JSON.stringify(
      { id: "evt_9", type: "invoice.paid", data: { object: { note: "Zoë ☕ \\/" } } },
      null,
      1,
    );
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const id = await capture("/stripe?from=capture", {
      method: "POST",
      body: payload,
      headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": signature },
    });
    target.reply((req, res) => {
      try {
        const event = stripe.webhooks.constructEvent(req.body, header(req.headers, "stripe-signature") ?? "", secret);
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ verified: event.type }));
      } catch (err) {
        res.writeHead(400).end(`signature rejected: ${(err as Error).message}`);
      }
    });
    const before = target.received.length;
    const res = await resend(id, { url: `${target.url}/webhooks/stripe?env=dev` });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 200, body: '{"verified":"invoice.paid"}', error: null, auto: false });
    expect(res.json.headers).toContainEqual(["Content-Type", "application/json"]);
    expect(res.json.durationMs).toBeGreaterThanOrEqual(0);
    const got = target.received[before];
    expect(got?.method).toBe("POST");
    // The url is used exactly as given: the captured sub-path and query are not appended.
    expect(got?.url).toBe("/webhooks/stripe?env=dev");
    expect(got?.body.toString("utf8")).toBe(payload);

    const items = await history(id);
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({ ...res.json, url: `${target.url}/webhooks/stripe?env=dev`, method: "POST" });
    expect(items[0]).toMatchObject({ auto: false, createdAt: expect.any(String) });
  });

  it("applies method, headers, body and bodyBase64 overrides", async () => {
    const id = await capture("/o", { method: "POST", body: "original", headers: { "X-Original": "1" } });
    target.reply((_req, res) => res.end("ok"));
    const before = target.received.length;

    await resend(id, {
      url: `${target.url}/a`,
      method: "PUT",
      headers: [
        ["X-Dup", "1"],
        ["x-dup", "2"],
        ["Content-Type", "text/plain"],
      ],
      body: "replaced ☕",
    });
    const binary = Buffer.from([0, 255, 1, 254, 13, 10]);
    await resend(id, { url: `${target.url}/b`, bodyBase64: binary.toString("base64") });
    await resend(id, { url: `${target.url}/c`, method: "GET", body: "" });

    const [a, b, c] = target.received.slice(before);
    expect(a?.method).toBe("PUT");
    expect(a?.headers).toEqual([
      ["Host", `127.0.0.1:${target.port}`],
      ["X-Dup", "1"],
      ["x-dup", "2"],
      ["Content-Type", "text/plain"],
      ["Content-Length", String(Buffer.byteLength("replaced ☕"))],
      ["X-Hookscope-Hop", "1"],
      ["Connection", "close"],
    ]);
    expect(a?.body.toString("utf8")).toBe("replaced ☕");
    expect(b?.method).toBe("POST");
    expect(header(b?.headers ?? [], "x-original")).toBe("1");
    expect(b?.body).toEqual(binary);
    expect(c?.method).toBe("GET");
    expect(c?.body.length).toBe(0);
    // The captured POST carried a Content-Length, so the GET keeps one, recomputed.
    expect(header(c?.headers ?? [], "content-length")).toBe("0");
  });

  it("refuses body and bodyBase64 together", async () => {
    const id = await capture("/both", { method: "POST", body: "x" });
    const res = await resend(id, { url: target.url, body: "a", bodyBase64: "YQ==" });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
    expect(await history(id)).toEqual([]);
  });

  it("drops hop-by-hop headers, keeps the rest in order, recomputes Host and Content-Length and marks the hop", async () => {
    const body = "chunked body";
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const answer = await rawRequest(
      server.port,
      buildRequest(
        "POST",
        `/h/${bin.token}/hop`,
        [
          ["Host", "hooks.example.com"],
          ["X-First", "1"],
          ["Connection", "keep-alive, X-Hop-Secret"],
          ["X-Hop-Secret", "must not travel"],
          ["Keep-Alive", "timeout=5"],
          ["TE", "trailers"],
          ["Proxy-Authorization", "Basic c2VjcmV0"],
          ["Proxy-Connection", "keep-alive"],
          ["x-dup", "a"],
          ["Transfer-Encoding", "chunked"],
          ["X-DUP", "b"],
          ["x-hookscope-hop", "forged"],
        ],
        chunked,
      ),
    );
    const id = answer.header("x-hookscope-request-id") as string;
    const before = target.received.length;
    expect((await resend(id, { url: `${target.url}/hop` })).status).toBe(200);
    const got = target.received[before];
    expect(got?.headers).toEqual([
      ["Host", `127.0.0.1:${target.port}`],
      ["X-First", "1"],
      ["x-dup", "a"],
      ["Content-Length", String(body.length)],
      ["X-DUP", "b"],
      ["X-Hookscope-Hop", "1"],
      ["Connection", "close"],
    ]);
    expect(got?.body.toString()).toBe(body);
    const [item] = await history(id);
    // What was recorded as sent is exactly what the target received.
    expect(item?.sentHeaders).toEqual(got?.headers);
  });

  it("records and returns the target's status, headers and body, without following redirects", async () => {
    const id = await capture("/answer", { method: "POST", body: "{}" });
    target.reply((_req, res) => {
      res.writeHead(418, ["X-Teapot", "short", "x-teapot", "stout"]);
      res.end("I'm a teapot");
    });
    const teapot = await resend(id, { url: `${target.url}/tea` });
    expect(teapot.status).toBe(200);
    expect(teapot.json).toMatchObject({ status: 418, body: "I'm a teapot", error: null, bodyTruncated: false });
    expect(teapot.json.headers).toEqual(
      expect.arrayContaining([
        ["X-Teapot", "short"],
        ["x-teapot", "stout"],
      ]),
    );

    target.reply((_req, res) => res.writeHead(302, { Location: `${target.url}/elsewhere` }).end());
    const before = target.received.length;
    const redirect = await resend(id, { url: `${target.url}/moved` });
    expect(redirect.json).toMatchObject({ status: 302, body: "" });
    await new Promise((r) => setTimeout(r, 100));
    expect(target.received.length).toBe(before + 1);

    const items = await history(id);
    expect(items.map((i) => i.status)).toEqual([302, 418]);
  });

  it("returns a binary answer as bodyBase64 and cuts long answers at RESEND_MAX_RESPONSE_BYTES", async () => {
    const id = await capture("/binary", { method: "POST", body: "x" });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    target.reply((_req, res) => res.writeHead(200, { "Content-Type": "image/png" }).end(png));
    const binary = await resend(id, { url: target.url });
    expect(binary.json).toMatchObject({ status: 200, bodyBase64: png.toString("base64") });
    expect(binary.json).not.toHaveProperty("body");

    target.reply((_req, res) => res.end("y".repeat(MAX_RESPONSE * 3)));
    const long = await resend(id, { url: target.url });
    expect(long.json).toMatchObject({ status: 200, bodyTruncated: true });
    expect((long.json as { body: string }).body).toBe("y".repeat(MAX_RESPONSE));
  });

  it("answers 502 and records the attempt when the target is unreachable", async () => {
    const id = await capture("/down", { method: "POST", body: "x" });
    const port = await closedPort();
    const res = await resend(id, { url: `http://127.0.0.1:${port}/hook` });
    expect(res.status).toBe(502);
    expect(res.json).toMatchObject({
      status: null,
      headers: null,
      body: null,
      error: { code: "target_unreachable", message: expect.stringContaining(String(port)) },
    });
    const [item] = await history(id);
    expect(item).toMatchObject({ id: res.json.id, error: { code: "target_unreachable" }, status: null });
  });

  it("cuts off a target that does not answer within RESEND_TIMEOUT_MS with a 502", async () => {
    const id = await capture("/slow", { method: "POST", body: "x" });
    let closed = false;
    target.reply((_req, res) => {
      res.on("close", () => {
        closed = true;
      });
    });
    const started = Date.now();
    const res = await resend(id, { url: `${target.url}/hang` });
    expect(res.status).toBe(502);
    expect(res.json).toMatchObject({ status: null, body: null, error: { code: "target_timeout" } });
    expect(res.json.durationMs).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(3_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(true);
  });

  it("answers 400 for a URL that is not an http(s) URL, and sends nothing", async () => {
    const id = await capture("/bad", { method: "POST", body: "x" });
    const connections = target.connections;
    for (const url of ["not a url", "ftp://127.0.0.1/file", "127.0.0.1:8080/hook", "javascript:alert(1)"]) {
      const res = await resend(id, { url });
      expect(res.status, url).toBe(400);
      expect(res.json.error.code, url).toBe("invalid_url");
    }
    const missing = await resend(id, {});
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe("validation_failed");
    expect(target.connections).toBe(connections);
    expect(await history(id)).toEqual([]);
  });

  it("answers 404 for an unknown bin or request", async () => {
    const id = await capture("/known", { method: "POST", body: "x" });
    const unknownBin = await resend(id, { url: target.url }, "unknownunknownunknown0");
    expect(unknownBin.status).toBe(404);
    expect(unknownBin.json.error.code).toBe("bin_not_found");
    const unknownId = "01900000-0000-7000-8000-000000000000";
    const unknownRequest = await resend(unknownId, { url: target.url });
    expect(unknownRequest.status).toBe(404);
    expect(unknownRequest.json.error.code).toBe("request_not_found");
    const list = await api<ErrorJson>(server.url, `/api/bins/${bin.key}/requests/${unknownId}/resends`);
    expect(list.status).toBe(404);
  });

  it("deletes a request's resends with the request", async () => {
    const id = await capture("/gone", { method: "POST", body: "x" });
    target.reply((_req, res) => res.end("ok"));
    await resend(id, { url: target.url });
    expect(await history(id)).toHaveLength(1);
    await fetch(`${server.url}/api/bins/${bin.key}/requests/${id}`, { method: "DELETE" });
    expect((await api(server.url, `/api/bins/${bin.key}/requests/${id}/resends`)).status).toBe(404);
  });
});

describe("loops", () => {
  it("refuses to send to this server's own capture URLs, so a bin cannot forward to itself", async () => {
    const id = await capture("/loop", { method: "POST", body: "x" });
    const other = await createBin(server.url);
    for (const url of [
      `${server.url}/h/${bin.token}`,
      `${server.url}/h/${other.token}/sub?x=1`,
      `http://localhost:${server.port}/h/${other.token}`,
    ]) {
      const res = await resend(id, { url });
      expect(res.status, url).toBe(400);
      expect(res.json.error.code).toBe("target_refused");
    }
    expect((await resend(id, { url: target.url })).status).toBe(200);
  });
});
