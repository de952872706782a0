// The live stream: captures arrive in order, a reconnect resumes without loss or duplicates,
// heartbeats keep it open, and subscriptions are released when clients leave.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestSummary } from "../lib/requests/types.ts";
import { api, createBin, listRequests } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { openStream } from "./support/sse.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { SSE_HEARTBEAT_MS: "300", SSE_MAX_SUBSCRIBERS_PER_BIN: "5" } });
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

const streamUrl = (bin: BinJson, query = "") => `${server.url}/api/bins/${bin.key}/stream${query}`;
const capture = async (bin: BinJson, path: string) => {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, { method: "POST", body: path });
  return res.headers.get("x-hookscope-request-id") as string;
};
const requestEvents = (events: { event?: string; data: string; id?: string }[]) =>
  events.filter((e) => e.event === "request").map((e) => ({ id: e.id, summary: JSON.parse(e.data) as RequestSummary }));

describe("live stream", () => {
  it("delivers every capture as a request event, in capture order, with seq as the event id", async () => {
    const bin = await createBin(server.url);
    const stream = await openStream(streamUrl(bin));
    expect(stream.status).toBe(200);
    await Promise.all(Array.from({ length: 20 }, (_, i) => capture(bin, `/c/${i}`)));
    await stream.waitForEvents(20);
    const got = requestEvents(stream.events);
    const listed = (await listRequests(server.url, bin.key, "?limit=100")).requests;
    expect(got.map((e) => e.summary)).toEqual([...listed].reverse());
    expect(got.map((e) => Number(e.id))).toEqual(got.map((e) => e.summary.seq));
    expect(got.map((e) => e.summary.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    stream.close();
  });

  it("has sent a capture's event to every open stream by the time its sender reads the answer", async () => {
    // A server of its own, whose streams carry nothing but the captures' events while this runs.
    const quiet = await startServer();
    const bin = await createBin(quiet.url);
    const streams = await Promise.all([1, 2, 3].map(() => openStream(`${quiet.url}/api/bins/${bin.key}/stream`)));
    await Promise.all(streams.map((s) => s.waitForComment(/connected/)));
    const agent = new http.Agent({ keepAlive: true });
    const seenAtAnswer: number[] = [];
    for (let i = 1; i <= 10; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.request(`${quiet.url}/h/${bin.token}/n/${i}`, { method: "POST", agent }, (res) => {
          // Counted as the answer's head is read: events sent before it have been read already.
          seenAtAnswer.push(streams.filter((s) => requestEvents(s.events).some((e) => e.summary.seq === i)).length);
          res.resume();
          res.on("end", resolve);
        });
        req.on("error", reject);
        req.end(`capture ${i}`);
      });
    }
    agent.destroy();
    for (const s of streams) s.close();
    await quiet.stop();
    expect(seenAtAnswer).toEqual(Array.from({ length: 10 }, () => streams.length));
  });

  it("resumes after Last-Event-ID with nothing lost or repeated, then goes live", async () => {
    const bin = await createBin(server.url);
    const first = await openStream(streamUrl(bin));
    for (let i = 0; i < 3; i++) await capture(bin, `/before/${i}`);
    await first.waitForEvents(3);
    const lastId = first.events.at(-1)?.id as string;
    first.close();
    await first.closed;

    for (let i = 0; i < 4; i++) await capture(bin, `/missed/${i}`);
    const second = await openStream(streamUrl(bin, "?since=0"), { "Last-Event-ID": lastId });
    await second.waitForEvents(4);
    await capture(bin, "/live");
    await second.waitForEvents(5);
    await new Promise((r) => setTimeout(r, 200));
    const paths = requestEvents(second.events).map((e) => e.summary.path);
    expect(paths).toEqual(["/missed/0", "/missed/1", "/missed/2", "/missed/3", "/live"]);
    second.close();
  });

  it("replays from ?since on a first connection", async () => {
    const bin = await createBin(server.url);
    for (let i = 0; i < 3; i++) await capture(bin, `/s/${i}`);
    const stream = await openStream(streamUrl(bin, "?since=1"));
    await stream.waitForEvents(2);
    expect(requestEvents(stream.events).map((e) => e.summary.seq)).toEqual([2, 3]);
    stream.close();
  });

  it("replays everything without duplicates while captures keep arriving", async () => {
    const bin = await createBin(server.url);
    const sending = (async () => {
      for (let i = 0; i < 60; i++) await capture(bin, `/r/${i}`);
    })();
    await new Promise((r) => setTimeout(r, 30));
    const stream = await openStream(streamUrl(bin, "?since=0"));
    await sending;
    await stream.waitForEvents(60);
    await new Promise((r) => setTimeout(r, 200));
    expect(requestEvents(stream.events).map((e) => e.summary.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    stream.close();
  });

  it("sends heartbeat comments", async () => {
    const bin = await createBin(server.url);
    const stream = await openStream(streamUrl(bin));
    await stream.waitForComment(/^ ?ping/, 5_000);
    stream.close();
  });

  it("tells open streams about deletions and clears, without an id", async () => {
    const bin = await createBin(server.url);
    const stream = await openStream(streamUrl(bin));
    const id = await capture(bin, "/to-delete");
    await capture(bin, "/kept");
    await stream.waitForEvents(2);
    await fetch(`${server.url}/api/bins/${bin.key}/requests/${id}`, { method: "DELETE" });
    await stream.waitForEvents(3);
    await fetch(`${server.url}/api/bins/${bin.key}/requests`, { method: "DELETE" });
    await stream.waitForEvents(4);
    const [deleted, cleared] = stream.events.slice(2);
    expect(deleted).toMatchObject({ event: "deleted", id: undefined });
    expect(JSON.parse(deleted?.data ?? "{}")).toEqual({ id });
    expect(cleared).toMatchObject({ event: "cleared", id: undefined });
    stream.close();
  });

  it("releases subscriptions when clients disconnect", async () => {
    // SSE_MAX_SUBSCRIBERS_PER_BIN is 5 here: a leaked subscription would soon refuse new viewers.
    const bin = await createBin(server.url);
    for (let round = 0; round < 300; round++) {
      const streams = await Promise.all([openStream(streamUrl(bin)), openStream(streamUrl(bin))]);
      expect(streams.map((s) => s.status)).toEqual([200, 200]);
      for (const s of streams) s.close();
      await Promise.all(streams.map((s) => s.closed));
    }
    await new Promise((r) => setTimeout(r, 100));
    const five = await Promise.all(Array.from({ length: 5 }, () => openStream(streamUrl(bin))));
    expect(five.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await openStream(streamUrl(bin));
    expect(sixth.status).toBe(429);
    for (const s of [...five, sixth]) s.close();
  });

  it("answers bad tokens and bad resume points with JSON errors", async () => {
    const bin = await createBin(server.url);
    expect((await api(server.url, "/api/bins/unknowntokenunknowntoken/stream")).status).toBe(404);
    const bad = await api<{ error: { code: string } }>(server.url, `/api/bins/${bin.key}/stream?since=abc`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("validation_failed");
    expect((await api(server.url, `/api/bins/${bin.key}/stream`, { method: "POST" })).status).toBe(405);
  });
});
