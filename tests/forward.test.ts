// Automatic forwarding: each capture of a bin with a forwardUrl is sent there in the background,
// byte-exactly, every attempt recorded as an automatic resend, failures retried with backoff.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { ResendItem, ResendList } from "../lib/resend/types.ts";
import { api, createBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { closedPort, header, startTarget, type Target } from "./support/target.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    env: { FORWARD_RETRY_BASE_MS: "50", FORWARD_MAX_ATTEMPTS: "4", RESEND_TIMEOUT_MS: "2000" },
  });
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

async function forwardingBin(forwardUrl: string): Promise<BinJson> {
  const bin = await createBin(server.url);
  const res = await api<BinJson>(server.url, `/api/bins/${bin.key}`, {
    method: "PATCH",
    body: JSON.stringify({ forwardUrl }),
  });
  expect(res.json.forwardUrl).toBe(forwardUrl);
  return bin;
}

async function capture(bin: BinJson, path: string, init: RequestInit = { method: "POST", body: path }) {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, init);
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

async function waitForAttempts(bin: BinJson, id: string, count: number, timeoutMs = 10_000): Promise<ResendItem[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api<ResendList>(server.url, `/api/bins/${bin.key}/requests/${id}/resends`);
    if (res.json.resends.length >= count) return res.json.resends;
    if (Date.now() > deadline) throw new Error(`got ${res.json.resends.length} of ${count} attempts`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("automatic forwarding", () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  it("forwards a Stripe-signed capture so that the target verifies it, recorded with auto: true", async () => {
    const stripe = new Stripe("sk_test_unused");
    const secret = "whsec_forward_secret";
    const payload = JSON.stringify({ id: "evt_fwd", type: "charge.succeeded", data: { object: { amount: 4200 } } });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const verified: string[] = [];
    target.reply((req, res) => {
      const event = stripe.webhooks.constructEvent(req.body, header(req.headers, "stripe-signature") ?? "", secret);
      verified.push(event.id);
      res.end("thanks");
    });
    const bin = await forwardingBin(`${target.url}/stripe/webhook`);
    const id = await capture(bin, "/stripe", {
      method: "POST",
      body: payload,
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    });
    const [attempt] = await waitForAttempts(bin, id, 1);
    expect(attempt).toMatchObject({
      auto: true,
      status: 200,
      body: "thanks",
      error: null,
      url: `${target.url}/stripe/webhook`,
      method: "POST",
    });
    expect(verified).toEqual(["evt_fwd"]);
    expect(target.received.at(-1)?.url).toBe("/stripe/webhook");
  });

  it("retries 5xx answers with backoff, each attempt its own record", async () => {
    let calls = 0;
    const times: number[] = [];
    target.reply((_req, res) => {
      calls++;
      times.push(Date.now());
      res.writeHead(calls <= 2 ? 500 : 200).end(calls <= 2 ? "try later" : "done");
    });
    const bin = await forwardingBin(`${target.url}/flaky`);
    const before = target.received.length;
    const id = await capture(bin, "/flaky");
    const attempts = await waitForAttempts(bin, id, 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(await waitForAttempts(bin, id, 3)).toHaveLength(3);
    expect(attempts.map((a) => [a.auto, a.status])).toEqual([
      [true, 200],
      [true, 500],
      [true, 500],
    ]);
    const sent = target.received.slice(before);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.body.toString())).size).toBe(1);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(45);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(95);
  });

  it("gives up on an unreachable target after FORWARD_MAX_ATTEMPTS, recording each failure", async () => {
    const port = await closedPort();
    const bin = await forwardingBin(`http://127.0.0.1:${port}/down`);
    const id = await capture(bin, "/down");
    const attempts = await waitForAttempts(bin, id, 4);
    await new Promise((r) => setTimeout(r, 600));
    const settled = await waitForAttempts(bin, id, 4);
    expect(settled).toHaveLength(4);
    expect(attempts.every((a) => a.auto && a.status === null && a.error?.code === "target_unreachable")).toBe(true);
  });

  it("never delays the capture answer, however slow the target", async () => {
    target.reply(() => {
      // Never answers; the attempt is cut off after RESEND_TIMEOUT_MS.
    });
    const bin = await forwardingBin(`${target.url}/slow`);
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await capture(bin, `/fast/${i}`));
    expect(Date.now() - started).toBeLessThan(1_500);
    // The hanging target is cut off by RESEND_TIMEOUT_MS (2 s here), and that is what is recorded.
    const [attempt] = await waitForAttempts(bin, ids[0] as string, 1, 8_000);
    expect(attempt?.error?.code).toBe("target_timeout");
    expect(attempt?.durationMs).toBeGreaterThanOrEqual(1_900);
    expect(attempt?.durationMs).toBeLessThan(4_000);
  });

  it("forwards a bin's captures in capture order, and follows forwardUrl changes", async () => {
    target.reply((_req, res) => res.end("ok"));
    // Earlier tests' retries may still reach this target: only this bin's paths count here.
    const to = (path: string) => target.received.filter((r) => r.url === path);
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
    };
    const bin = await forwardingBin(`${target.url}/first`);
    for (let i = 0; i < 5; i++) await capture(bin, `/ordered/${i}`);
    await until(() => to("/first").length >= 5);
    expect(to("/first").map((r) => r.body.toString())).toEqual([0, 1, 2, 3, 4].map((i) => `/ordered/${i}`));

    await api(server.url, `/api/bins/${bin.key}`, {
      method: "PATCH",
      body: JSON.stringify({ forwardUrl: `${target.url}/second` }),
    });
    await capture(bin, "/after-change");
    await until(() => to("/second").length >= 1);
    expect(to("/second").map((r) => r.body.toString())).toEqual(["/after-change"]);

    await api(server.url, `/api/bins/${bin.key}`, { method: "PATCH", body: JSON.stringify({ forwardUrl: null }) });
    const id = await capture(bin, "/not-forwarded");
    await new Promise((r) => setTimeout(r, 300));
    expect(target.received.some((r) => r.body.toString() === "/not-forwarded")).toBe(false);
    expect(await waitForAttempts(bin, id, 0)).toEqual([]);
    expect(to("/first")).toHaveLength(5);
  });
});
