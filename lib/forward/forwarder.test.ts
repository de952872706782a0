import { describe, expect, it } from "vitest";
import { type AttemptSummary, Forwarder, type ForwardJob, retryDelay, shouldRetry } from "./forwarder.ts";

const job = (binId: string, requestId: string): ForwardJob => ({ binId, requestId, url: "http://target.test/" });
const answered = (status: number): AttemptSummary => ({ status, error: null });
const failed = (code: string): AttemptSummary => ({ status: null, error: { code } });
const until = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("retry policy", () => {
  it("retries network failures and 5xx answers, not refusals or other answers", () => {
    expect(shouldRetry(failed("target_unreachable"))).toBe(true);
    expect(shouldRetry(failed("target_timeout"))).toBe(true);
    expect(shouldRetry(answered(500))).toBe(true);
    expect(shouldRetry(answered(503))).toBe(true);
    expect(shouldRetry(failed("target_refused"))).toBe(false);
    expect(shouldRetry(failed("invalid_url"))).toBe(false);
    expect(shouldRetry(answered(404))).toBe(false);
    expect(shouldRetry(answered(200))).toBe(false);
  });

  it("backs off exponentially", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(1000, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(1000, 40)).toBe(600_000);
  });
});

describe("Forwarder", () => {
  it("retries until the target succeeds, waiting longer each time", async () => {
    const times: number[] = [];
    const answers = [answered(500), failed("target_unreachable"), answered(200)];
    const forwarder = new Forwarder({
      maxAttempts: 5,
      retryBaseMs: 20,
      maxQueued: 10,
      deliver: async () => {
        times.push(Date.now());
        return answers.shift() ?? answered(200);
      },
    });
    forwarder.enqueue(job("b", "r1"));
    await until(() => forwarder.pending === 0);
    expect(times).toHaveLength(3);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(18);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(38);
  });

  it("gives up after maxAttempts", async () => {
    let calls = 0;
    const logs: string[] = [];
    const forwarder = new Forwarder({
      maxAttempts: 3,
      retryBaseMs: 1,
      maxQueued: 10,
      deliver: async () => {
        calls++;
        return answered(502);
      },
      log: (m) => logs.push(m),
    });
    forwarder.enqueue(job("b", "r1"));
    await until(() => forwarder.pending === 0);
    expect(calls).toBe(3);
    expect(logs.join("\n")).toMatch(/gave up forwarding r1 .* after 3 attempts/);
  });

  it("sends one bin's captures one at a time in order, and other bins alongside", async () => {
    const order: string[] = [];
    let active = 0;
    let maxActivePerBin = 0;
    const activeByBin = new Map<string, number>();
    let a2Failed = false;
    const forwarder = new Forwarder({
      maxAttempts: 2,
      retryBaseMs: 1,
      maxQueued: 100,
      deliver: async (j) => {
        active++;
        const n = (activeByBin.get(j.binId) ?? 0) + 1;
        activeByBin.set(j.binId, n);
        maxActivePerBin = Math.max(maxActivePerBin, n);
        await new Promise((r) => setTimeout(r, 2));
        order.push(j.requestId);
        activeByBin.set(j.binId, n - 1);
        active--;
        if (j.requestId === "a2" && !a2Failed) {
          a2Failed = true;
          return answered(500);
        }
        return answered(200);
      },
    });
    for (let i = 1; i <= 4; i++) {
      forwarder.enqueue(job("a", `a${i}`));
      forwarder.enqueue(job("b", `b${i}`));
    }
    await until(() => forwarder.pending === 0);
    expect(maxActivePerBin).toBe(1);
    expect(order.filter((id) => id.startsWith("a"))).toEqual(["a1", "a2", "a2", "a3", "a4"]);
    expect(order.filter((id) => id.startsWith("b"))).toEqual(["b1", "b2", "b3", "b4"]);
    expect(active).toBe(0);
  });

  it("bounds the queue and reports what it drops", async () => {
    const dropped: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const forwarder = new Forwarder({
      maxAttempts: 1,
      retryBaseMs: 1,
      maxQueued: 3,
      deliver: async () => {
        await gate;
        return answered(200);
      },
      dropped: (j) => dropped.push(j.requestId),
    });
    for (let i = 1; i <= 6; i++) forwarder.enqueue(job("dead", `r${i}`));
    expect(forwarder.pending).toBe(3);
    expect(dropped).toEqual(["r4", "r5", "r6"]);
    release();
    await until(() => forwarder.pending === 0);
  });

  it("on close, drops waiting retries and aborts attempts that outlive the grace period", async () => {
    const signals: AbortSignal[] = [];
    const forwarder = new Forwarder({
      maxAttempts: 5,
      retryBaseMs: 60_000,
      maxQueued: 10,
      log: () => {},
      deliver: async (j, signal) => {
        signals.push(signal);
        if (j.binId === "slow") await new Promise((r) => signal.addEventListener("abort", r));
        return answered(500);
      },
    });
    forwarder.enqueue(job("fast", "f1"));
    forwarder.enqueue(job("slow", "s1"));
    await until(() => signals.length === 2);
    const started = Date.now();
    await forwarder.close(50);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(signals.every((s) => s.aborted)).toBe(true);
    forwarder.enqueue(job("fast", "f2"));
    expect(signals).toHaveLength(2);
  });
});
