// Read-only share links: the owner (the bin's key) creates, lists and revokes them; a share link's
// id reads the bin (its list, records, bodies, live stream and inspector page) and changes nothing,
// and no byte it answers holds the bin's token, key or forwardUrl. Revoking ends its open streams.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestPage, RequestRecord } from "../lib/requests/types.ts";
import type { SharedBinJson, ShareJson } from "../lib/shares/types.ts";
import { api, createBin, getBody, getRecord, listRequests } from "./support/http.ts";
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

const UNKNOWN_SHARE = "unknownshareunknownshare";

/** A bin that forwards (to a port where nothing listens), so that a forwardUrl exists to be kept out. */
async function forwardingBin(): Promise<{ bin: BinJson; forwardUrl: string }> {
  const bin = await createBin(server.url, { name: "Payments" });
  const forwardUrl = `http://127.0.0.1:9/forward-${randomBytes(9).toString("hex")}`;
  const res = await api<BinJson>(server.url, `/api/bins/${bin.key}`, {
    method: "PATCH",
    body: JSON.stringify({ forwardUrl }),
  });
  expect(res.json.forwardUrl).toBe(forwardUrl);
  return { bin: res.json, forwardUrl };
}

const share = async (key: string, body: unknown = {}) => {
  const res = await api<ShareJson>(server.url, `/api/bins/${key}/shares`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return res.json;
};

/** A capture whose headers and body hold nothing secret; only its request-target names the token. */
async function capture(bin: BinJson, path: string, body = '{"event":"paid"}', method = "POST"): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, {
    method,
    body: method === "GET" ? undefined : body,
    headers: { "content-type": "application/json", "x-event": "invoice.paid" },
  });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

/** The raw bytes of a GET answer, as text. */
async function rawGet(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, text: Buffer.from(await res.arrayBuffer()).toString("latin1") };
}

/** Reads a stream's raw bytes until `done` says enough arrived, then closes it. */
async function rawStream(path: string, done: (text: string) => boolean): Promise<string> {
  const abort = new AbortController();
  const res = await fetch(`${server.url}${path}`, { signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += Buffer.from(value).toString("latin1");
  }
  abort.abort();
  return text;
}

function expectNoSecret(text: string, bin: BinJson, forwardUrl: string, where: string): void {
  expect(text.includes(bin.token), `${where} holds the token`).toBe(false);
  expect(text.includes(bin.key), `${where} holds the key`).toBe(false);
  expect(text.includes(forwardUrl), `${where} holds the forwardUrl`).toBe(false);
  expect(text.includes("forward-"), `${where} holds the forwardUrl's path`).toBe(false);
}

describe("the owner's share links", () => {
  it("creates a link with its own secret, lists it with its URL, and revokes it", async () => {
    const bin = await createBin(server.url);
    const named = await share(bin.key, { name: "for support" });
    const unnamed = await share(bin.key);
    expect(Object.keys(named).sort()).toEqual(["createdAt", "id", "name", "url"]);
    expect(named.id).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect([bin.key, bin.token, unnamed.id]).not.toContain(named.id);
    expect(named).toMatchObject({ name: "for support", url: `${server.url}/s/${named.id}` });
    expect(unnamed.name).toBeNull();
    expect(Number.isNaN(Date.parse(named.createdAt))).toBe(false);

    const listed = await api<{ shares: ShareJson[] }>(server.url, `/api/bins/${bin.key}/shares`);
    expect(listed.json.shares).toEqual([named, unnamed]);

    const revoked = await api(server.url, `/api/bins/${bin.key}/shares/${named.id}`, { method: "DELETE" });
    expect(revoked.status).toBe(204);
    const after = await api<{ shares: ShareJson[] }>(server.url, `/api/bins/${bin.key}/shares`);
    expect(after.json.shares).toEqual([unnamed]);
    const again = await api<ErrorJson>(server.url, `/api/bins/${bin.key}/shares/${named.id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe("share_not_found");
  });

  it("answers 404 for another bin's link, a token in place of the key, and 400 for a bad name", async () => {
    const bin = await createBin(server.url);
    const other = await createBin(server.url);
    const theirs = await share(other.key);
    const wrongBin = await api<ErrorJson>(server.url, `/api/bins/${bin.key}/shares/${theirs.id}`, {
      method: "DELETE",
    });
    expect(wrongBin.status).toBe(404);
    expect((await api(server.url, `/api/shares/${theirs.id}`)).status).toBe(200);
    for (const [method, path] of [
      ["POST", `/api/bins/${bin.token}/shares`],
      ["GET", `/api/bins/${bin.token}/shares`],
      ["DELETE", `/api/bins/${other.token}/shares/${theirs.id}`],
    ] as const) {
      const res = await api<ErrorJson>(server.url, path, { method, body: method === "POST" ? "{}" : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe("bin_not_found");
    }
    for (const body of ['{"name":5}', '{"extra":true}', "{nope"]) {
      const res = await api<ErrorJson>(server.url, `/api/bins/${bin.key}/shares`, { method: "POST", body });
      expect(res.status, body).toBe(400);
    }
  });
});

describe("reading through a share link", () => {
  it("gives the bin's facts only, and its list, records and bodies as the key does, with urls from the sub-path", async () => {
    const { bin } = await forwardingBin();
    const link = await share(bin.key);
    const first = await capture(bin, "/stripe/events?attempt=1");
    const second = await capture(bin, "", "", "GET");

    const facts = await api<SharedBinJson>(server.url, `/api/shares/${link.id}`);
    expect(facts.status).toBe(200);
    expect(Object.keys(facts.json).sort()).toEqual(["createdAt", "lastRequestAt", "name", "requestCount"]);
    expect(facts.json).toMatchObject({ name: "Payments", createdAt: bin.createdAt, requestCount: 2 });

    const shared = await api<RequestPage>(server.url, `/api/shares/${link.id}/requests`);
    expect(shared.json).toEqual(await listRequests(server.url, bin.key));
    const filtered = await api<RequestPage>(server.url, `/api/shares/${link.id}/requests?method=GET`);
    expect(filtered.json.requests.map((r) => r.id)).toEqual([second]);
    const searched = await api<RequestPage>(server.url, `/api/shares/${link.id}/requests?q=STRIPE&limit=1`);
    expect(searched.json.requests.map((r) => r.id)).toEqual([first]);
    expect((await api(server.url, `/api/shares/${link.id}/requests?limit=0`)).status).toBe(400);
    expect((await api(server.url, `/api/shares/${link.id}/requests?cursor=garbage`)).status).toBe(400);

    const owned = await getRecord(server.url, bin.key, first);
    const record = await api<RequestRecord>(server.url, `/api/shares/${link.id}/requests/${first}`);
    expect(record.json).toEqual({ ...owned, url: "/stripe/events?attempt=1" });
    const bare = await api<RequestRecord>(server.url, `/api/shares/${link.id}/requests/${second}`);
    expect(bare.json.url).toBe("/");

    const body = await fetch(`${server.url}/api/shares/${link.id}/requests/${first}/body`);
    expect(body.status).toBe(200);
    expect(body.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(Buffer.from(await body.arrayBuffer())).toEqual(await getBody(server.url, bin.key, first));
    const missing = await api<ErrorJson>(
      server.url,
      `/api/shares/${link.id}/requests/01234567-89ab-7def-8123-456789abcdef`,
    );
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("request_not_found");
  });

  it("streams captures live, resuming after a seq like the bin's stream", async () => {
    const bin = await createBin(server.url);
    const link = await share(bin.key);
    await capture(bin, "/one");
    const stream = await openStream(`${server.url}/api/shares/${link.id}/stream?since=0`);
    expect(stream.status).toBe(200);
    await stream.waitForEvents(1);
    await capture(bin, "/two");
    const events = await stream.waitForEvents(2);
    expect(events.map((e) => [e.id, e.event, JSON.parse(e.data).path])).toEqual([
      ["1", "request", "/one"],
      ["2", "request", "/two"],
    ]);
    stream.close();
  });

  it("never answers a byte of the token, the key or the forwardUrl: page, JSON, stream, body and errors", async () => {
    const { bin, forwardUrl } = await forwardingBin();
    const link = await share(bin.key, { name: "partner" });
    const id = await capture(bin, "/orders/created?x=1");
    const base = `/api/shares/${link.id}`;

    const answers: [string, string][] = [];
    for (const path of [
      `/s/${link.id}`,
      `/s/${link.id}?r=${id}`,
      base,
      `${base}/requests`,
      `${base}/requests?q=orders`,
      `${base}/requests/${id}`,
      `${base}/requests/${id}/body`,
      `${base}/requests/${id}/body?decode=1`,
      `${base}/requests/01234567-89ab-7def-8123-456789abcdef`,
      `${base}/requests?limit=500`,
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBeLessThan(500);
      answers.push([path, res.text]);
    }
    const page = answers[0]?.[1] ?? "";
    expect(page).toContain("Shared inspector");
    expect(page).toContain("Payments");
    answers.push([
      `${base}/stream`,
      await rawStream(`${base}/stream?since=0`, (text) => text.includes("event: request")),
    ]);
    for (const [path, text] of answers) expectNoSecret(text, bin, forwardUrl, path);
  });
});

describe("a share link changes nothing", () => {
  const METHODS = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"];
  const PATHS = [
    "",
    "/requests",
    "/requests/{id}",
    "/requests/{id}/body",
    "/requests/{id}/resend",
    "/requests/{id}/resends",
    "/stream",
    "/rotate",
    "/shares",
  ];

  it("answers 405 to every method but GET on every /api/shares/ path, and the bin stays as it was", async () => {
    const { bin } = await forwardingBin();
    const link = await share(bin.key);
    const id = await capture(bin, "/kept");
    const before = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    for (const path of PATHS) {
      for (const method of METHODS) {
        const target = `/api/shares/${link.id}${path.replace("{id}", id)}`;
        const res = await fetch(`${server.url}${target}`, {
          method,
          headers: { "content-type": "application/json" },
          body: method === "OPTIONS" ? undefined : '{"url":"http://127.0.0.1:9/","name":"changed","secret":"key"}',
        });
        expect(res.status, `${method} ${target}`).toBe(405);
        expect(res.headers.get("allow")).toBe("GET");
        expect(((await res.json()) as ErrorJson).error.code).toBe("method_not_allowed");
      }
    }
    const after = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    expect(after.json).toEqual(before.json);
    expect((await listRequests(server.url, bin.key)).requests.map((r) => r.id)).toEqual([id]);
    const resends = await api<{ resends: { auto: boolean }[] }>(
      server.url,
      `/api/bins/${bin.key}/requests/${id}/resends`,
    );
    expect(resends.json.resends.every((r) => r.auto)).toBe(true);
    const shares = await api<{ shares: ShareJson[] }>(server.url, `/api/bins/${bin.key}/shares`);
    expect(shares.json.shares).toEqual([link]);
  });
});

describe("revoking", () => {
  it("ends the link's open stream at once; then every share route and the page answer 404", async () => {
    const bin = await createBin(server.url);
    const link = await share(bin.key);
    const kept = await share(bin.key);
    const id = await capture(bin, "/before");
    const stream = await openStream(`${server.url}/api/shares/${link.id}/stream`);
    await stream.waitForComment(/connected/);
    const keptStream = await openStream(`${server.url}/api/shares/${kept.id}/stream`);
    await keptStream.waitForComment(/connected/);

    const res = await api(server.url, `/api/bins/${bin.key}/shares/${link.id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    await stream.closed;

    for (const path of ["", "/requests", `/requests/${id}`, `/requests/${id}/body`, "/stream"]) {
      const gone = await api<ErrorJson>(server.url, `/api/shares/${link.id}${path}`);
      expect(gone.status, path).toBe(404);
      expect(gone.json.error.code).toBe("share_not_found");
    }
    expect((await fetch(`${server.url}/s/${link.id}`)).status).toBe(404);

    // The other link of the bin goes on.
    await capture(bin, "/after");
    const [event] = await keptStream.waitForEvents(1);
    expect(JSON.parse(event?.data ?? "{}").path).toBe("/after");
    keptStream.close();
  });

  it("goes with the bin: deleting the bin revokes its links", async () => {
    const bin = await createBin(server.url);
    const link = await share(bin.key);
    expect((await api(server.url, `/api/bins/${bin.key}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(server.url, `/api/shares/${link.id}`)).status).toBe(404);
  });
});

describe("a share link's id is no key", () => {
  it("opens neither /api/bins/{id} nor /b/{id}, nor the bin's stream", async () => {
    const bin = await createBin(server.url);
    const link = await share(bin.key);
    for (const path of [`/api/bins/${link.id}`, `/api/bins/${link.id}/requests`, `/api/bins/${link.id}/shares`]) {
      const res = await api<ErrorJson>(server.url, path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).toBe("bin_not_found");
    }
    expect((await fetch(`${server.url}/api/bins/${link.id}/stream`)).status).toBe(404);
    expect((await fetch(`${server.url}/b/${link.id}`)).status).toBe(404);
    expect((await api(server.url, `/api/shares/${bin.key}`)).status).toBe(404);
    expect((await api(server.url, `/api/shares/${bin.token}`)).status).toBe(404);
    expect((await fetch(`${server.url}/s/${bin.key}`)).status).toBe(404);
    expect((await api(server.url, `/api/shares/${UNKNOWN_SHARE}`)).status).toBe(404);
  });
});

describe("in private mode", () => {
  const ACCESS_KEY = "a".repeat(40);
  const bearer = { authorization: `Bearer ${ACCESS_KEY}` };
  let privateServer: TestServer;
  beforeAll(async () => {
    privateServer = await startServer({ env: { ACCESS_MODE: "private", ACCESS_KEYS: ACCESS_KEY } });
  });
  afterAll(async () => {
    await privateServer?.stop();
  });

  it("a share link reads without signing in; making one needs a signed-in caller", async () => {
    const created = await api<BinJson>(privateServer.url, "/api/bins", { method: "POST", body: "{}", headers: bearer });
    const bin = created.json;
    const refused = await api(privateServer.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}" });
    expect(refused.status).toBe(401);
    const made = await api<ShareJson>(privateServer.url, `/api/bins/${bin.key}/shares`, {
      method: "POST",
      body: "{}",
      headers: bearer,
    });
    expect(made.status).toBe(201);
    const link = made.json;
    const sent = await fetch(`${privateServer.url}/h/${bin.token}/in`, { method: "POST", body: "x" });
    const id = sent.headers.get("x-hookscope-request-id") as string;

    for (const path of [`/s/${link.id}`, `/api/shares/${link.id}`, `/api/shares/${link.id}/requests`]) {
      expect((await fetch(`${privateServer.url}${path}`, { redirect: "manual" })).status, path).toBe(200);
    }
    expect((await fetch(`${privateServer.url}/api/shares/${link.id}/requests/${id}/body`)).status).toBe(200);
    const stream = await openStream(`${privateServer.url}/api/shares/${link.id}/stream`);
    expect(stream.status).toBe(200);
    stream.close();
    const change = await fetch(`${privateServer.url}/api/shares/${link.id}/requests`, { method: "DELETE" });
    expect(change.status).toBe(405);
    expect((await api(privateServer.url, `/api/bins/${link.id}`)).status).toBe(401);
    expect((await api<BinJson>(privateServer.url, `/api/bins/${bin.key}`, { headers: bearer })).json.requestCount).toBe(
      1,
    );
  });
});
