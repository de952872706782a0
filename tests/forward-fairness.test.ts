// One bin whose forwarding target never answers cannot starve the others: each bin holds at most
// FORWARD_QUEUE_PER_BIN captures in the forwarding queue, bins take turns, and a bin that stops
// forwarding (forwardUrl cleared, or deleted) gives its room back at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { ResendItem, ResendList } from "../lib/resend/types.ts";
import { api, createBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { startTarget, type Target } from "./support/target.ts";

const PER_BIN = 3;
let server: TestServer;
let dead: Target;
let live: Target;

beforeAll(async () => {
  [server, dead, live] = await Promise.all([
    startServer({
      env: {
        FORWARD_QUEUE_PER_BIN: String(PER_BIN),
        FORWARD_QUEUE_MAX: "6",
        RESEND_TIMEOUT_MS: "500",
        // A timed-out capture then waits a minute for its retry, holding its place in the queue.
        FORWARD_MAX_ATTEMPTS: "2",
        FORWARD_RETRY_BASE_MS: "60000",
      },
    }),
    startTarget(),
    startTarget(),
  ]);
  // Accepts connections and reads the request, never answers.
  dead.reply(() => {});
});
afterAll(async () => {
  await Promise.all([dead?.close(), live?.close()]);
  await server?.stop();
  cleanupServers();
});

async function forwardingBin(forwardUrl: string): Promise<BinJson> {
  const bin = await createBin(server.url);
  await setForwardUrl(bin, forwardUrl);
  return bin;
}

async function setForwardUrl(bin: BinJson, forwardUrl: string | null): Promise<void> {
  const res = await api(server.url, `/api/bins/${bin.key}`, {
    method: "PATCH",
    body: JSON.stringify({ forwardUrl }),
  });
  expect(res.status).toBe(200);
}

async function capture(bin: BinJson, path: string): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, { method: "POST", body: path });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

async function attempts(bin: BinJson, id: string): Promise<ResendItem[]> {
  return (await api<ResendList>(server.url, `/api/bins/${bin.key}/requests/${id}/resends`)).json.resends;
}

/** Polls a capture's attempts until one is there (10 s at most); returns the first recorded. */
async function firstAttempt(bin: BinJson, id: string): Promise<ResendItem> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const items = await attempts(bin, id);
    if (items.length > 0) return items.at(-1) as ResendItem;
    if (Date.now() > deadline) throw new Error(`no attempt recorded for ${id}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function waitForLog(pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const match = pattern.exec(server.logs());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no log line matching ${pattern}:\n${server.logs()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("forwarding queue per bin", () => {
  it("forwards every capture of a healthy bin while another bin's target hangs", async () => {
    const hanging = await forwardingBin(`http://user:s3cret@127.0.0.1:${dead.port}/never`);
    const healthy = await forwardingBin(`${live.url}/ok`);
    const hangingIds: string[] = [];
    for (let i = 1; i <= 8; i++) {
      hangingIds.push(await capture(hanging, `/hanging/${i}`));
      const id = await capture(healthy, `/healthy/${i}`);
      // Waiting for each forward keeps the healthy bin's own share at one capture at a time.
      expect(await firstAttempt(healthy, id), `healthy capture ${i}`).toMatchObject({
        auto: true,
        status: 200,
        error: null,
      });
    }
    expect(live.received.map((r) => r.body.toString())).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `/healthy/${i}`));

    // The hanging bin's first three hold its share; the rest were refused, naming the bound.
    for (const id of hangingIds.slice(PER_BIN)) {
      expect(await firstAttempt(hanging, id)).toMatchObject({
        auto: true,
        status: null,
        error: { code: "forward_queue_full", message: expect.stringContaining("FORWARD_QUEUE_PER_BIN") },
      });
    }
    const timedOut = await firstAttempt(hanging, hangingIds[0] as string);
    expect(timedOut.error?.code).toBe("target_timeout");
    for (const id of hangingIds.slice(1, PER_BIN)) expect(await attempts(hanging, id)).toEqual([]);

    // Clearing forwardUrl drops the three waiting captures at once (the first waits for its retry),
    // and says so without the bin's token or the URL's password.
    await setForwardUrl(hanging, null);
    const [line] = await waitForLog(
      /bin \S+ stopped forwarding \(forwardUrl cleared\): \d+ waiting capture\(s\) dropped.*/,
    );
    expect(line).toMatch(/: 3 waiting capture\(s\) dropped/);
    expect(server.logs()).not.toContain(hanging.token);
    expect(server.logs()).not.toContain("s3cret");

    // Its share is free again: a new capture is forwarded, not refused.
    await setForwardUrl(hanging, `${live.url}/recovered`);
    const recovered = await capture(hanging, "/hanging/9");
    expect(await firstAttempt(hanging, recovered)).toMatchObject({ status: 200, url: `${live.url}/recovered` });
    expect(dead.received).toHaveLength(1);
  });

  it("drops a deleted bin's waiting captures and logs how many", async () => {
    const bin = await forwardingBin(`http://127.0.0.1:${dead.port}/gone`);
    const first = await capture(bin, "/gone/1");
    await capture(bin, "/gone/2");
    expect((await firstAttempt(bin, first)).error?.code).toBe("target_timeout");
    const res = await fetch(`${server.url}/api/bins/${bin.key}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    const [line] = await waitForLog(/bin \S+ stopped forwarding \(bin deleted\): \d+ waiting capture\(s\) dropped.*/);
    expect(line).toMatch(/: 2 waiting capture\(s\) dropped/);
  });
});
