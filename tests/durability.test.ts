// A 2xx from a capture URL means the request is stored: it survives kill -9 and restarts.
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { listAll, startLoad } from "./support/capture-load.ts";
import { api, createBin, getRecord, listRequests } from "./support/http.ts";
import { cleanupServers, startServer } from "./support/server.ts";

afterAll(cleanupServers);

describe("durability", () => {
  it("keeps every acknowledged capture when the server is killed with SIGKILL under load", async () => {
    const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "100000" } });
    const bin = await createBin(server.url);
    const acknowledged: string[] = [];
    let killed: Promise<void> | undefined;
    const load = startLoad({
      base: server.url,
      token: bin.token,
      senders: 32,
      next: (sender, i) => ({
        target: "/load",
        body: Buffer.from(JSON.stringify({ sender, i, pad: "x".repeat(512) })),
      }),
      onAnswer: (answer) => {
        if (answer.status === 200 && answer.id) acknowledged.push(answer.id);
        if (acknowledged.length === 1500 && !killed) {
          load.stop();
          killed = server.kill9();
        }
      },
    });
    await load.done;
    await killed;
    expect(acknowledged.length).toBeGreaterThanOrEqual(1500);

    const restarted = await startServer({ dbFile: server.dbFile, env: { MAX_REQUESTS_PER_BIN: "100000" } });
    try {
      const stored = new Set((await listAll(restarted.url, bin.key)).map((r) => r.id));
      const missing = acknowledged.filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      const page = await listRequests(restarted.url, bin.key, "?limit=100");
      const seqs = page.requests.map((r) => r.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    } finally {
      await restarted.stop();
    }
  });

  it("keeps bins, requests and seq numbering across a restart on the same database", async () => {
    const server = await startServer();
    const bin = await createBin(server.url, { name: "kept" });
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/h/${bin.token}/r${i}?i=${i}`, { method: "PUT", body: `payload ${i}` });
      sent.push(res.headers.get("x-hookscope-request-id") as string);
    }
    await fetch(`${server.url}/api/bins/${bin.key}/requests`, { method: "DELETE" });
    const last = await fetch(`${server.url}/h/${bin.token}/after-clear`, { method: "POST", body: "kept" });
    const lastId = last.headers.get("x-hookscope-request-id") as string;
    expect(await server.stop()).toBe(0);

    const again = await startServer({ dbFile: server.dbFile });
    try {
      const got = await api<BinJson>(again.url, `/api/bins/${bin.key}`);
      expect(got.json).toMatchObject({ name: "kept", requestCount: 1 });
      const record = await getRecord(again.url, bin.key, lastId);
      expect(record).toMatchObject({ seq: 4, path: "/after-clear", bodyText: "kept" });
      const next = await fetch(`${again.url}/h/${bin.token}`, { method: "POST", body: "new" });
      const nextRecord = await getRecord(again.url, bin.key, next.headers.get("x-hookscope-request-id") as string);
      expect(nextRecord.seq).toBe(5);
    } finally {
      await again.stop();
    }
  });

  it("finishes a capture that is in flight when SIGTERM arrives", async () => {
    const server = await startServer();
    const bin = await createBin(server.url);
    const body = "second half arrives after SIGTERM";
    const socket = net.connect(server.port, "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => {
      answer += d.toString();
    });
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      `POST /h/${bin.token}/slow HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 200));
    const exited = server.stop();
    await new Promise((r) => setTimeout(r, 200));
    socket.write(body.slice(10));
    await closed;
    expect(await exited).toBe(0);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    const id = /X-Hookscope-Request-Id: ([0-9a-f-]+)/i.exec(answer)?.[1] as string;

    const again = await startServer({ dbFile: server.dbFile });
    try {
      expect((await getRecord(again.url, bin.key, id)).bodyText).toBe(body);
    } finally {
      await again.stop();
    }
  });
});
