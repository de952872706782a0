// Failure drills over real connections: fail the first N deliveries of an event (watched through a
// retrying sender), fail a percentage, hold without answering, drop, and 429 with Retry-After.
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestSummary } from "../lib/requests/types.ts";
import type { AnswerRecord } from "../lib/rules/schema.ts";
import { api, buildRequest, createBin, listRequests } from "./support/http.ts";
import { patchRules, sendUntilClosed, setRules } from "./support/rules.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { RULE_TIMEOUT_MAX_SECONDS: "5" } });
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

type Summary = RequestSummary & { answer: AnswerRecord | null; attempt: number; deliveryKey: string | null };

/** Every stored capture of the bin, oldest first, page by page. */
async function stored(bin: BinJson): Promise<Summary[]> {
  const all: Summary[] = [];
  let cursor: string | null = null;
  do {
    const page = await listRequests(server.url, bin.key, `?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    all.push(...(page.requests as Summary[]));
    cursor = page.nextCursor;
  } while (cursor);
  return all.reverse();
}

/**
 * A Standard Webhooks sender: signs the payload, sends it with the same webhook-id until it gets a
 * 2xx, waiting 50 ms, 100 ms, 200 ms ... between attempts. Returns the statuses it saw.
 */
async function deliver(url: string, payload: object, maxAttempts = 6): Promise<number[]> {
  const id = `msg_${randomUUID()}`;
  const body = JSON.stringify(payload);
  const secret = Buffer.from("standard-webhooks-test-secret");
  const statuses: number[] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const signature = createHmac("sha256", secret).update(`${id}.${timestamp}.${body}`).digest("base64");
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": timestamp,
        "webhook-signature": `v1,${signature}`,
      },
      body,
    });
    await res.arrayBuffer();
    statuses.push(res.status);
    if (res.status >= 200 && res.status < 300) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
  }
  return statuses;
}

describe("fail first N", () => {
  it("fails an event's first two deliveries; the retrying sender's third attempt is answered", async () => {
    const bin = await createBin(server.url);
    await setRules(server.url, bin, [
      {
        id: "flaky",
        name: "fail first 2",
        drill: { when: { kind: "first", count: 2 }, failure: { kind: "status", status: 500 } },
      },
    ]);
    const statuses = await deliver(bin.captureUrl, { type: "invoice.paid", data: { id: "in_1" } });
    expect(statuses).toEqual([500, 500, 200]);
    // Another event starts its own count.
    expect(await deliver(bin.captureUrl, { type: "invoice.paid", data: { id: "in_2" } })).toEqual([500, 500, 200]);
    const captures = await stored(bin);
    expect(captures.map((c) => [c.attempt, c.answer?.status, c.answer?.failure])).toEqual([
      [1, 500, "status"],
      [2, 500, "status"],
      [3, 200, null],
      [1, 500, "status"],
      [2, 500, "status"],
      [3, 200, null],
    ]);
    expect(new Set(captures.slice(0, 3).map((c) => c.deliveryKey)).size).toBe(1);
    expect(captures.every((c) => c.answer?.ruleId === "flaky")).toBe(true);

    const preview = await api<{ failure: string | null; attempt: number }>(
      server.url,
      `/api/bins/${bin.key}/rules/preview`,
      {
        method: "POST",
        body: JSON.stringify({ requestId: captures[1]?.id }),
      },
    );
    expect(preview.json).toMatchObject({ failure: "status", attempt: 2 });
  });
});

describe("percent", () => {
  it("fails about the given share of requests", async () => {
    // 400 requests failing with p = 0.25: mean 100, sigma = sqrt(400 * 0.25 * 0.75) ≈ 8.66, so
    // 4.04 sigma on either side is 65..135 (outside it by chance: about 5 runs in 100,000).
    const bin = await createBin(server.url);
    await setRules(server.url, bin, [
      { drill: { when: { kind: "percent", percent: 25 }, failure: { kind: "status", status: 503 } } },
    ]);
    const statuses: number[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const results = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const res = await fetch(bin.captureUrl, { method: "POST", body: "{}" });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      statuses.push(...results);
    }
    const failed = statuses.filter((s) => s === 503).length;
    expect(statuses.filter((s) => s !== 503 && s !== 200)).toEqual([]);
    expect(failed).toBeGreaterThanOrEqual(65);
    expect(failed).toBeLessThanOrEqual(135);
    const records = (await stored(bin)).map((c) => c.answer?.failure);
    expect(records.filter((f) => f === "status").length).toBe(failed);
  });
});

describe("no answer", () => {
  const request = (bin: BinJson) =>
    buildRequest(
      "POST",
      `/h/${bin.token}/events`,
      [
        ["Host", "x"],
        ["Content-Type", "application/json"],
        ["Content-Length", "13"],
      ],
      '{"type":"hi"}',
    );

  it("timeout: holds the connection without answering for the configured seconds, then closes it", async () => {
    const bin = await createBin(server.url);
    await setRules(server.url, bin, [
      { id: "slow", drill: { when: { kind: "always" }, failure: { kind: "timeout", seconds: 1 } } },
    ]);
    const outcome = await sendUntilClosed(server.port, request(bin));
    expect(outcome.received).toBe("");
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(950);
    expect(outcome.elapsedMs).toBeLessThan(4000);
    const [capture] = await stored(bin);
    expect(capture?.answer).toEqual({ ruleId: "slow", ruleName: null, status: null, failure: "timeout" });
  });

  it("refuses a timeout drill longer than RULE_TIMEOUT_MAX_SECONDS", async () => {
    const bin = await createBin(server.url);
    const res = await patchRules(server.url, bin, [
      { drill: { when: { kind: "always" }, failure: { kind: "timeout", seconds: 6 } } },
    ]);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe("validation_failed");
  });

  it("drop: closes the connection with no answer, and stores the capture with its record", async () => {
    const bin = await createBin(server.url);
    await setRules(server.url, bin, [
      { id: "gone", name: "drop", drill: { when: { kind: "always" }, failure: { kind: "drop" } } },
    ]);
    const outcome = await sendUntilClosed(server.port, request(bin));
    expect(outcome.received).toBe("");
    const [capture] = await stored(bin);
    expect(capture?.path).toBe("/events");
    expect(capture?.answer).toEqual({ ruleId: "gone", ruleName: "drop", status: null, failure: "drop" });
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After", async () => {
    const bin = await createBin(server.url);
    await setRules(server.url, bin, [
      { id: "busy", drill: { when: { kind: "always" }, failure: { kind: "rate-limit", retryAfterSeconds: 17 } } },
    ]);
    const res = await fetch(bin.captureUrl, { method: "POST", body: "{}" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("17");
    expect(res.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(res.headers.get("x-hookscope-request-id")).toBeTruthy();
    await res.arrayBuffer();
    const [capture] = await stored(bin);
    expect(capture?.answer).toEqual({ ruleId: "busy", ruleName: null, status: 429, failure: "rate-limit" });
  });
});

describe("a held connection", () => {
  let held: TestServer;
  beforeAll(async () => {
    held = await startServer({
      env: { RULE_TIMEOUT_MAX_SECONDS: "60", MAX_INFLIGHT_BYTES: String(64 * 1024), SHUTDOWN_TIMEOUT_MS: "20000" },
    });
  });
  afterAll(async () => {
    await held?.kill9();
  });

  it("keeps no body bytes in flight, and does not hold up shutdown", async () => {
    const bin = await createBin(held.url);
    await setRules(held.url, bin, [
      { match: { method: "PUT" }, drill: { when: { kind: "always" }, failure: { kind: "timeout", seconds: 60 } } },
    ]);
    const body = "x".repeat(40 * 1024);
    const holding = sendUntilClosed(
      held.port,
      buildRequest(
        "PUT",
        `/h/${bin.token}/`,
        [
          ["Host", "x"],
          ["Content-Length", String(body.length)],
        ],
        body,
      ),
      60_000,
    );
    // Stored (and so past the write) while its connection is held.
    const waited = await api(held.url, `/api/bins/${bin.key}/requests/wait?after=0&method=PUT&timeout=30`);
    expect(waited.status).toBe(200);
    // The held capture's 40 KiB no longer count: another 40 KiB fits in the 64 KiB budget.
    const next = await fetch(bin.captureUrl, { method: "POST", body });
    expect(next.status).toBe(200);
    const started = performance.now();
    expect(await held.stop()).toBe(0);
    // Well before both the 60 s hold and the 20 s shutdown grace.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await holding).received).toBe("");
  });
});
