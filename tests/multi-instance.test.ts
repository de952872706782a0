// Two instances on one PostgreSQL database: captures stored through either reach live streams on
// both, in seq order and once each; a client resumes on the other instance with Last-Event-ID;
// deletions reach inspectors on every instance; a rotated key or a revoked share link ends streams
// and a rotated token stops captures on every instance at once; a listener that lost its connection misses
// nothing; an instance killed under load loses nothing it acknowledged, and a forward it had
// claimed is delivered by another; instances that start
// together on an empty database migrate it once. PostgreSQL only (SQLite is one process per file).
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestSummary } from "../lib/requests/types.ts";
import type { ResendList } from "../lib/resend/types.ts";
import { api, createBin, createForwardingBin, getRecord, listRequests } from "./support/http.ts";
import { createDatabase } from "./support/postgres.ts";
import { cleanupServers, ON_POSTGRES, ROOT, startServer, type TestServer } from "./support/server.ts";
import { openStream, type SseClient } from "./support/sse.ts";
import { hangOnFirst } from "./support/target.ts";

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  if (!ON_POSTGRES) return;
  // A and B look at the forwarding outbox only when they store a capture themselves: the instances
  // a test starts for forwarding are then the ones that claim.
  const quiet = { FORWARD_POLL_MS: "600000" };
  a = await startServer({ env: quiet });
  // The second instance shares the first one's database.
  // Its listener waits long enough after a lost connection that a capture surely falls in the gap.
  b = await startServer({ dbFile: a.dbFile, env: { ...quiet, LIVE_RECONNECT_MS: "2000" } });
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  cleanupServers();
});

const streamUrl = (server: TestServer, bin: BinJson) => `${server.url}/api/bins/${bin.key}/stream`;
const capture = async (server: TestServer, bin: BinJson, path: string) => {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, { method: "POST", body: path });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
};
const requests = (stream: SseClient) =>
  stream.events
    .filter((e) => e.event === "request")
    .map((e) => ({ id: e.id, summary: JSON.parse(e.data) as RequestSummary }));

/** Waits until the stream has sent the capture at `path`: everything stored before it was sent before it. */
async function until(stream: SseClient, path: string): Promise<void> {
  while (!requests(stream).some((e) => e.summary.path === path)) await stream.waitForEvents(stream.events.length + 1);
}

describe.runIf(ON_POSTGRES)("several instances on one PostgreSQL database", () => {
  it("sends captures stored through A live on B's stream, in seq order", async () => {
    const bin = await createBin(a.url);
    const stream = await openStream(streamUrl(b, bin));
    expect(stream.status).toBe(200);
    for (let i = 0; i < 10; i++) await capture(a, bin, `/a/${i}`);
    await until(stream, "/a/9");
    const got = requests(stream);
    expect(got.map((e) => e.summary.path)).toEqual(Array.from({ length: 10 }, (_, i) => `/a/${i}`));
    expect(got.map((e) => Number(e.id))).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    stream.close();
  });

  it("resumes on B with Last-Event-ID after a stream on A, every later capture once", async () => {
    const bin = await createBin(a.url);
    const first = await openStream(streamUrl(a, bin));
    for (let i = 0; i < 3; i++) await capture(a, bin, `/before/${i}`);
    await until(first, "/before/2");
    first.close();
    await first.closed;

    for (let i = 0; i < 3; i++) await capture(i % 2 ? b : a, bin, `/missed/${i}`);
    const second = await openStream(streamUrl(b, bin), { "Last-Event-ID": "3" });
    for (let i = 0; i < 3; i++) await capture(i % 2 ? a : b, bin, `/live/${i}`);
    await until(second, "/live/2");
    expect(requests(second).map((e) => e.summary.path)).toEqual([
      "/missed/0",
      "/missed/1",
      "/missed/2",
      "/live/0",
      "/live/1",
      "/live/2",
    ]);
    expect(requests(second).map((e) => Number(e.id))).toEqual([4, 5, 6, 7, 8, 9]);
    second.close();
  });

  it("numbers a burst through both instances 1..N and sends every capture once to streams on each", async () => {
    const bin = await createBin(a.url);
    const onA = await openStream(streamUrl(a, bin));
    const onB = await openStream(streamUrl(b, bin));
    const n = 120;
    await Promise.all(Array.from({ length: n }, (_, i) => capture(i % 2 ? b : a, bin, `/burst/${i}`)));
    // A last capture after the burst: once a stream has sent it, it has sent everything before it.
    await capture(a, bin, "/last");
    const all = Array.from({ length: n + 1 }, (_, i) => i + 1);
    for (const stream of [onA, onB]) {
      await until(stream, "/last");
      expect(requests(stream).map((e) => e.summary.seq)).toEqual(all);
      const paths = requests(stream).map((e) => e.summary.path);
      expect(new Set(paths).size).toBe(n + 1);
      stream.close();
    }
  });

  it("sends on B what was stored while B's listener was disconnected, once it reconnects", async () => {
    const bin = await createBin(a.url);
    const stream = await openStream(streamUrl(b, bin));
    await capture(a, bin, "/connected");
    await until(stream, "/connected");
    const db = new pg.Client({ connectionString: a.dbFile });
    await db.connect();
    try {
      const { rows } = await db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN hookscope_live'`,
      );
      expect(rows).toHaveLength(2);
      // Both instances' listeners go; B's stays away for LIVE_RECONNECT_MS.
      for (const { pid } of rows) await db.query("SELECT pg_terminate_backend($1)", [pid]);
      for (;;) {
        const gone = await db.query("SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])", [
          rows.map((r) => r.pid),
        ]);
        if (gone.rowCount === 0) break;
      }
    } finally {
      await db.end();
    }
    await capture(a, bin, "/while-away");
    await until(stream, "/while-away");
    expect(requests(stream).map((e) => e.summary.path)).toEqual(["/connected", "/while-away"]);
    stream.close();
  });

  it("sends a deletion made through B to A's stream", async () => {
    const bin = await createBin(a.url);
    const stream = await openStream(streamUrl(a, bin));
    const id = await capture(a, bin, "/to-delete");
    await until(stream, "/to-delete");
    const res = await fetch(`${b.url}/api/bins/${bin.key}/requests/${id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    await stream.waitForEvents(2);
    expect(stream.events[1]).toMatchObject({ event: "deleted", id: undefined });
    expect(JSON.parse(stream.events[1]?.data ?? "{}")).toEqual({ id });
    await fetch(`${b.url}/api/bins/${bin.key}/requests`, { method: "DELETE" });
    await stream.waitForEvents(3);
    expect(stream.events[2]).toMatchObject({ event: "cleared", id: undefined });
    stream.close();
  });

  it("rotating the key through A ends a stream opened on B with the old key, and B refuses the old key", async () => {
    const bin = await createBin(a.url);
    const stream = await openStream(streamUrl(b, bin));
    expect(stream.status).toBe(200);
    await stream.waitForComment(/connected/);
    const res = await api<BinJson>(a.url, `/api/bins/${bin.key}/rotate`, { method: "POST", body: '{"secret":"key"}' });
    expect(res.status).toBe(200);
    await stream.closed;
    expect((await api(b.url, `/api/bins/${bin.key}`)).status).toBe(404);
    const renewed = await openStream(streamUrl(b, res.json));
    expect(renewed.status).toBe(200);
    await capture(a, bin, "/after-rotation");
    await until(renewed, "/after-rotation");
    renewed.close();
  });

  it("revoking a share link through A ends its stream on B, and B's other link of the bin goes on", async () => {
    const bin = await createBin(a.url);
    const share = async () =>
      (await api<{ id: string }>(a.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}" })).json.id;
    const revoked = await share();
    const kept = await share();
    const stream = await openStream(`${b.url}/api/shares/${revoked}/stream`);
    const other = await openStream(`${b.url}/api/shares/${kept}/stream`);
    expect([stream.status, other.status]).toEqual([200, 200]);
    await stream.waitForComment(/connected/);
    await other.waitForComment(/connected/);
    const res = await fetch(`${a.url}/api/bins/${bin.key}/shares/${revoked}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    await stream.closed;
    expect((await api(b.url, `/api/shares/${revoked}`)).status).toBe(404);
    await capture(a, bin, "/after-revocation");
    await until(other, "/after-revocation");
    other.close();
  });

  it("rotating the token through A makes the old capture URL answer 404 on B at once, though B had it cached", async () => {
    const bin = await createBin(a.url);
    // B has looked the token up (and keeps it for its cache's lifetime, 30 s).
    await capture(b, bin, "/cached-on-b");
    const res = await api<BinJson>(a.url, `/api/bins/${bin.key}/rotate`, {
      method: "POST",
      body: '{"secret":"token"}',
    });
    expect(res.status).toBe(200);
    const old = await fetch(`${b.url}/h/${bin.token}/stale`, { method: "POST", body: "stale" });
    expect(old.status).toBe(404);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe("bin_not_found");
    // Forgotten after the refusal: the next try is answered from a fresh look-up, 404 again.
    expect((await fetch(`${b.url}/h/${bin.token}/stale`, { method: "POST", body: "stale" })).status).toBe(404);
    await capture(b, res.json, "/new-token");
    const page = await listRequests(b.url, bin.key);
    expect(page.requests.map((r) => r.path)).toEqual(["/new-token", "/cached-on-b"]);
  });

  it("kill -9 one instance under load: every capture it acknowledged is stored and shows up on the others", async () => {
    // A third instance on the same database takes the load and dies, so A and B serve the other tests.
    const victim = await startServer({ dbFile: a.dbFile });
    const bin = await createBin(b.url);
    const acknowledged: { id: string; path: string }[] = [];
    let killed: Promise<void> | undefined;
    const total = 300;
    const connections = 6;
    let next = 0;
    // Each worker is one connection's worth of sequential captures; after the kill, sends fail
    // (reset or refused) and are simply not acknowledged.
    const worker = async () => {
      while (next < total) {
        const p = `/load/${next++}`;
        try {
          const res = await fetch(`${victim.url}/h/${bin.token}${p}`, { method: "POST", body: p });
          await res.arrayBuffer();
          if (res.ok) acknowledged.push({ id: res.headers.get("x-hookscope-request-id") as string, path: p });
        } catch {
          // Not acknowledged.
        }
        if (!killed && acknowledged.length >= total / 3) killed = victim.kill9();
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    expect(killed).toBeDefined();
    await killed;
    expect(acknowledged.length).toBeGreaterThanOrEqual(total / 3);
    expect(acknowledged.length).toBeLessThan(total);
    expect(acknowledged.every((c) => c.id)).toBe(true);

    // Readable through B, one by one.
    for (const { id, path: p } of acknowledged) {
      const record = await getRecord(b.url, bin.key, id);
      expect(record.path).toBe(p);
    }

    // Listed on B, newest first: seqs strictly decreasing down the pages, every id once.
    const listed: RequestSummary[] = [];
    for (let cursor: string | null = ""; cursor !== null; ) {
      const page = await listRequests(b.url, bin.key, `?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      listed.push(...page.requests);
      cursor = page.nextCursor;
    }
    const seqs = listed.map((r) => r.seq).reverse();
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
    const listedIds = new Set(listed.map((r) => r.id));
    expect(listedIds.size).toBe(listed.length);
    for (const { id } of acknowledged) expect(listedIds.has(id)).toBe(true);

    // A stream on B from the start sends every stored capture, acknowledged ones included, in seq order, once.
    const stream = await openStream(`${streamUrl(b, bin)}?since=0`);
    expect(stream.status).toBe(200);
    while (requests(stream).length < listed.length) await stream.waitForEvents(stream.events.length + 1);
    const sent = requests(stream).map((e) => e.summary);
    expect(sent.map((r) => r.seq)).toEqual(seqs);
    const sentIds = new Set(sent.map((r) => r.id));
    expect(sentIds.size).toBe(sent.length);
    for (const { id } of acknowledged) expect(sentIds.has(id)).toBe(true);
    stream.close();
  }, 120_000);

  it("delivers through another instance a forward that a killed instance had claimed", async () => {
    const target = await hangOnFirst();
    try {
      // Its claims hold one second unless renewed: once it is dead, they run out soon.
      const victim = await startServer({
        dbFile: a.dbFile,
        env: { FORWARD_LEASE_MS: "1000", FORWARD_POLL_MS: "600000" },
      });
      const bin = await createForwardingBin(b.url, `${target.url}/hook`);
      const id = await capture(victim, bin, "/claimed-by-victim");
      // The victim claimed it as it stored it, and is in the middle of the attempt.
      await target.waitFor(1);
      await victim.kill9();
      const rescuer = await startServer({ dbFile: a.dbFile, env: { FORWARD_POLL_MS: "100" } });
      try {
        const [first, again] = await target.waitFor(2);
        expect(again?.body.toString()).toBe(first?.body.toString());
        expect(again?.url).toBe("/hook");
        // The attempt is recorded once the target's answer is read, just after the target saw the request.
        const attempts = async () =>
          (await api<ResendList>(a.url, `/api/bins/${bin.key}/requests/${id}/resends`)).json.resends;
        await expect.poll(attempts, { timeout: 10_000 }).toMatchObject([{ auto: true, status: 200 }]);
      } finally {
        await rescuer.stop();
      }
    } finally {
      await target.close();
    }
  }, 60_000);

  it("concurrent first starts migrate once", async () => {
    const url = await createDatabase(inject("postgresUrl"));
    const servers = await Promise.all([0, 1, 2].map(() => startServer({ dbFile: url })));
    try {
      for (const server of servers) {
        const res = await fetch(`${server.url}/api/health`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ ok: true });
      }
      const migrations = readdirSync(path.join(ROOT, "prisma", "postgres", "migrations"), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      expect(migrations.length).toBeGreaterThan(0);
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const { rows } = await db.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
          `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
           FROM _prisma_migrations ORDER BY migration_name`,
        );
        expect(rows.map((r) => r.migration_name)).toEqual(migrations);
        expect(rows.every((r) => r.finished && !r.rolled_back)).toBe(true);
      } finally {
        await db.end();
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }, 120_000);
});
