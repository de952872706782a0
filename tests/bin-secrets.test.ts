// A bin's two secrets: the token in its capture URL only sends to it, the key opens it. Every
// route that takes {key} answers a token exactly as it answers an unknown key, and rotating either
// secret makes the old one unknown at once (a live stream opened with an old key ends) while the
// bin keeps every request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { api, createBin, listRequests } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { openStream } from "./support/sse.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

type ErrorJson = { error: { code: string; message: string } };

const UNKNOWN_KEY = "unknownkeyunknownkeyunkn";

async function capture(bin: BinJson, path = "/"): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, { method: "POST", body: path });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const rotate = (key: string, secret: string) =>
  api<BinJson & ErrorJson>(server.url, `/api/bins/${key}/rotate`, { method: "POST", body: JSON.stringify({ secret }) });

/** Every route written {key} in the contract: method, path ({k} the secret, {id} a request of the bin), body. */
const KEY_ROUTES: [string, string, string?][] = [
  ["GET", "/api/bins/{k}"],
  ["PATCH", "/api/bins/{k}", '{"name":"taken over"}'],
  ["DELETE", "/api/bins/{k}"],
  ["POST", "/api/bins/{k}/rotate", '{"secret":"key"}'],
  ["POST", "/api/bins/{k}/rotate", '{"secret":"token"}'],
  ["GET", "/api/bins/{k}/requests"],
  ["GET", "/api/bins/{k}/requests?q=secret"],
  ["DELETE", "/api/bins/{k}/requests"],
  ["GET", "/api/bins/{k}/requests/{id}"],
  ["DELETE", "/api/bins/{k}/requests/{id}"],
  ["GET", "/api/bins/{k}/requests/{id}/body"],
  ["GET", "/api/bins/{k}/requests/{id}/body?decode=1"],
  ["POST", "/api/bins/{k}/requests/{id}/resend", '{"url":"http://127.0.0.1:9/"}'],
  ["GET", "/api/bins/{k}/requests/{id}/resends"],
  ["POST", "/api/bins/{k}/requests/{id}/verify", '{"scheme":"stripe","secret":"whsec_x"}'],
  ["POST", "/api/bins/{k}/requests/{id}/verify", '{"scheme":"stripe"}'],
  ["PUT", "/api/bins/{k}/signing-secrets/stripe", '{"secret":"whsec_taken_over"}'],
  ["DELETE", "/api/bins/{k}/signing-secrets/stripe"],
  ["GET", "/api/bins/{k}/stream"],
  ["GET", "/api/bins/{k}/stream?since=0"],
];

describe("the token on a key route", () => {
  it.each(KEY_ROUTES)(
    "%s %s answers 404 exactly like an unknown key, and changes nothing",
    async (method, path, body) => {
      const bin = await createBin(server.url);
      const id = await capture(bin, "/secret");
      const call = (secret: string) =>
        api<ErrorJson>(server.url, path.replace("{k}", secret).replace("{id}", id), { method, body });

      const byToken = await call(bin.token);
      const byUnknown = await call(UNKNOWN_KEY);
      expect(byToken.status).toBe(404);
      expect(byUnknown.status).toBe(404);
      expect(byToken.json.error.code).toBe("bin_not_found");
      expect(byToken.json.error.message.replace(bin.token, "…")).toBe(
        byUnknown.json.error.message.replace(UNKNOWN_KEY, "…"),
      );
      expect(byToken.headers.get("content-type")).toBe(byUnknown.headers.get("content-type"));

      const after = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
      expect(after.json).toMatchObject({
        token: bin.token,
        key: bin.key,
        name: null,
        requestCount: 1,
        signingSecrets: [],
      });
    },
  );

  it("shows the not-found page at /b/{token}, as at an unknown key", async () => {
    const bin = await createBin(server.url);
    expect((await fetch(`${server.url}/b/${bin.key}`)).status).toBe(200);
    const byToken = await fetch(`${server.url}/b/${bin.token}`);
    const byUnknown = await fetch(`${server.url}/b/${UNKNOWN_KEY}`);
    expect(byToken.status).toBe(404);
    expect(byUnknown.status).toBe(404);
    const page = await byToken.text();
    expect(page).not.toContain(bin.key);
  });
});

describe("rotation", () => {
  it("gives a new key: the old key stops at once and its open stream ends; the new key opens every request", async () => {
    const bin = await createBin(server.url);
    await capture(bin, "/one");
    await capture(bin, "/two");
    const oldStream = await openStream(`${server.url}/api/bins/${bin.key}/stream`);
    expect(oldStream.status).toBe(200);
    await oldStream.waitForComment(/connected/);

    const res = await rotate(bin.key, "key");
    expect(res.status).toBe(200);
    const rotated = res.json;
    expect(rotated.key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(rotated.key).not.toBe(bin.key);
    expect(rotated).toMatchObject({ token: bin.token, captureUrl: bin.captureUrl, requestCount: 2 });
    expect(rotated.inspectUrl).toBe(`${server.url}/b/${rotated.key}`);

    await oldStream.closed;
    expect((await api(server.url, `/api/bins/${bin.key}`)).status).toBe(404);
    expect((await api(server.url, `/api/bins/${bin.key}/stream`)).status).toBe(404);
    expect((await fetch(`${server.url}/b/${bin.key}`)).status).toBe(404);

    const page = await listRequests(server.url, rotated.key);
    expect(page.requests.map((r) => r.path)).toEqual(["/two", "/one"]);
    const stream = await openStream(`${server.url}/api/bins/${rotated.key}/stream?since=0`);
    await stream.waitForEvents(2);
    await capture(bin, "/three");
    const events = await stream.waitForEvents(3);
    expect(events.map((e) => e.id)).toEqual(["1", "2", "3"]);
    stream.close();
  });

  it("ends the open live streams of a bin that is deleted", async () => {
    const bin = await createBin(server.url);
    const stream = await openStream(`${server.url}/api/bins/${bin.key}/stream`);
    await stream.waitForComment(/connected/);
    expect((await api(server.url, `/api/bins/${bin.key}`, { method: "DELETE" })).status).toBe(204);
    await stream.closed;
  });

  it("gives a new token: the old capture URL answers 404 at once and stores nothing; the new one captures", async () => {
    const bin = await createBin(server.url);
    // Captured once: the old token is in the capture path's cache.
    await capture(bin, "/before");

    const res = await rotate(bin.key, "token");
    expect(res.status).toBe(200);
    const rotated = res.json;
    expect(rotated.token).not.toBe(bin.token);
    expect(rotated).toMatchObject({ key: bin.key, inspectUrl: bin.inspectUrl, requestCount: 1 });
    expect(rotated.captureUrl).toBe(`${server.url}/h/${rotated.token}`);

    const old = await fetch(`${server.url}/h/${bin.token}/after`, { method: "POST", body: "x" });
    expect(old.status).toBe(404);
    expect(((await old.json()) as ErrorJson).error.code).toBe("bin_not_found");
    await capture(rotated, "/after");
    const page = await listRequests(server.url, bin.key);
    expect(page.requests.map((r) => r.path)).toEqual(["/after", "/before"]);
  });

  it("takes only {secret: key|token} and POST", async () => {
    const bin = await createBin(server.url);
    for (const body of ["{}", '{"secret":"both"}', '{"secret":"key","extra":1}', "{nope"]) {
      const res = await api<ErrorJson>(server.url, `/api/bins/${bin.key}/rotate`, { method: "POST", body });
      expect(res.status, body).toBe(400);
    }
    expect((await api(server.url, `/api/bins/${bin.key}/rotate`)).status).toBe(405);
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json).toMatchObject({
      key: bin.key,
      token: bin.token,
    });
  });
});
