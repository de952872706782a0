import { describe, expect, it } from "vitest";
import {
  type AttemptSummary,
  type DropReason,
  Forwarder,
  type ForwarderOptions,
  type ForwardJob,
  retryDelay,
  type Schedule,
  shouldRetry,
} from "./forwarder.ts";

const job = (binId: string, requestId: string, url = "http://target.test/"): ForwardJob => ({
  binId,
  requestId,
  method: "POST",
  url,
});
const answered = (status: number): AttemptSummary => ({ status, error: null });
const failed = (code: string): AttemptSummary => ({ status: null, error: { code } });

/** Lets the forwarder's promise continuations run (no time passes: every timer is the fake clock's). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Timers that run only when the test moves time on. */
class FakeClock {
  now = 0;
  #timers: { at: number; run: () => void }[] = [];

  schedule: Schedule = (run, ms) => {
    const timer = { at: this.now + ms, run };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  };

  /** How far off each waiting timer is. */
  get waiting(): number[] {
    return this.#timers.map((t) => t.at - this.now);
  }

  /** Moves time on, running the timers that come due, earliest first. */
  advance(ms: number): void {
    this.now += ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      this.#timers = this.#timers.filter((t) => t !== due);
      due.run();
    }
  }
}

interface Call {
  job: ForwardJob;
  signal: AbortSignal;
  answer(summary: AttemptSummary | null): void;
}

/** A target the test answers by hand, one call at a time; it counts attempts running per bin. */
class Target {
  readonly calls: Call[] = [];
  maxRunningPerBin = 0;
  #taken = 0;
  #running = new Map<string, number>();
  #waiters: (() => void)[] = [];

  deliver = (j: ForwardJob, signal: AbortSignal): Promise<AttemptSummary | null> =>
    new Promise((resolve) => {
      const running = (this.#running.get(j.binId) ?? 0) + 1;
      this.#running.set(j.binId, running);
      this.maxRunningPerBin = Math.max(this.maxRunningPerBin, running);
      let done = false;
      this.calls.push({
        job: j,
        signal,
        answer: (summary) => {
          if (done) return;
          done = true;
          this.#running.set(j.binId, (this.#running.get(j.binId) ?? 1) - 1);
          resolve(summary);
        },
      });
      for (const wake of this.#waiters.splice(0)) wake();
    });

  /** The next attempt the forwarder starts, waiting for it to start. */
  async next(): Promise<Call> {
    while (this.calls.length <= this.#taken) await new Promise<void>((wake) => this.#waiters.push(wake));
    return this.calls[this.#taken++] as Call;
  }

  /** Answers each next attempt with `summary` until `count` attempts were answered; their request ids in order. */
  async answerEach(count: number, summary: AttemptSummary): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const call = await this.next();
      ids.push(call.job.requestId);
      call.answer(summary);
    }
    return ids;
  }
}

function setup(options: Partial<ForwarderOptions> = {}) {
  const clock = new FakeClock();
  const target = new Target();
  const logs: string[] = [];
  const dropped: [string, DropReason][] = [];
  const forwarder = new Forwarder({
    maxAttempts: 5,
    retryBaseMs: 20,
    maxQueued: 100,
    maxPerBin: 100,
    deliver: target.deliver,
    dropped: (j, reason) => dropped.push([j.requestId, reason]),
    log: (m) => logs.push(m),
    schedule: clock.schedule,
    ...options,
  });
  return { clock, target, logs, dropped, forwarder };
}

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

describe("Forwarder retries", () => {
  it("retries until the target succeeds, waiting the base delay, then twice as long", async () => {
    const { clock, target, forwarder } = setup();
    forwarder.enqueue(job("b", "r1"));
    (await target.next()).answer(answered(500));
    await settle();
    expect(clock.waiting).toEqual([20]);
    clock.advance(19);
    expect(target.calls).toHaveLength(1);
    clock.advance(1);
    (await target.next()).answer(failed("target_unreachable"));
    await settle();
    expect(clock.waiting).toEqual([40]);
    clock.advance(40);
    (await target.next()).answer(answered(200));
    await settle();
    expect(target.calls).toHaveLength(3);
    expect(forwarder.pending).toBe(0);
    expect(clock.waiting).toEqual([]);
  });

  it("gives up after maxAttempts and says so, naming only the target's origin", async () => {
    const { clock, target, logs, forwarder } = setup({ maxAttempts: 3 });
    forwarder.enqueue(job("b", "r1", "http://user:secret@target.test/h/tokensecret"));
    for (let i = 0; i < 3; i++) {
      (await target.next()).answer(answered(502));
      await settle();
      clock.advance(1_000);
    }
    expect(target.calls).toHaveLength(3);
    expect(forwarder.pending).toBe(0);
    expect(logs.join("\n")).toMatch(/gave up forwarding r1 to http:\/\/target.test after 3 attempts/);
    expect(logs.join("\n")).not.toContain("secret");
  });
});

describe("Forwarder scheduling", () => {
  it("sends one bin's captures one at a time in order, and other bins alongside", async () => {
    const { clock, target, forwarder } = setup({ maxAttempts: 2 });
    for (let i = 1; i <= 4; i++) {
      forwarder.enqueue(job("a", `a${i}`));
      forwarder.enqueue(job("b", `b${i}`));
    }
    const order: string[] = [];
    let a2Failed = false;
    while (order.length < 9) {
      const call = await target.next();
      order.push(call.job.requestId);
      if (call.job.requestId === "a2" && !a2Failed) {
        a2Failed = true;
        call.answer(answered(500));
        await settle();
        clock.advance(20);
      } else {
        call.answer(answered(200));
      }
    }
    await settle();
    expect(target.maxRunningPerBin).toBe(1);
    expect(order.filter((id) => id.startsWith("a"))).toEqual(["a1", "a2", "a2", "a3", "a4"]);
    expect(order.filter((id) => id.startsWith("b"))).toEqual(["b1", "b2", "b3", "b4"]);
    expect(forwarder.pending).toBe(0);
  });

  it("lets bins take turns: a bin whose attempt ends goes to the back of the queue", async () => {
    const { target, forwarder } = setup({ maxActive: 1 });
    for (const bin of ["a", "b", "c"]) for (let i = 1; i <= 3; i++) forwarder.enqueue(job(bin, `${bin}${i}`));
    expect(await target.answerEach(9, answered(200))).toEqual(["a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3"]);
  });

  it("never runs two attempts of one bin at once, even with free slots and retries", async () => {
    const { clock, target, forwarder } = setup({ maxActive: 8 });
    for (let i = 1; i <= 5; i++) forwarder.enqueue(job("a", `a${i}`));
    const first = await target.next();
    await settle();
    expect(target.calls).toHaveLength(1);
    first.answer(answered(503));
    await settle();
    clock.advance(20);
    expect(await target.answerEach(5, answered(200))).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    expect(target.maxRunningPerBin).toBe(1);
  });
});

describe("Forwarder bounds", () => {
  it("bounds each bin's share: past maxPerBin that bin's captures are dropped, other bins' are not", async () => {
    const { target, dropped, forwarder } = setup({ maxPerBin: 2, maxQueued: 10 });
    for (let i = 1; i <= 4; i++) forwarder.enqueue(job("a", `a${i}`));
    forwarder.enqueue(job("b", "b1"));
    forwarder.enqueue(job("b", "b2"));
    expect(dropped).toEqual([
      ["a3", "bin_full"],
      ["a4", "bin_full"],
    ]);
    expect(forwarder.pending).toBe(4);
    expect((await target.answerEach(4, answered(200))).sort()).toEqual(["a1", "a2", "b1", "b2"]);
  });

  it("bounds the whole queue and reports what it drops", async () => {
    const { target, dropped, forwarder } = setup({ maxQueued: 3, maxPerBin: 10 });
    for (let i = 1; i <= 6; i++) forwarder.enqueue(job(`bin${i % 2}`, `r${i}`));
    expect(forwarder.pending).toBe(3);
    expect(dropped).toEqual([
      ["r4", "queue_full"],
      ["r5", "queue_full"],
      ["r6", "queue_full"],
    ]);
    await target.answerEach(3, answered(200));
    await settle();
    expect(forwarder.pending).toBe(0);
  });

  it("makes room for a bin with few captures when bins with dead targets fill the whole queue", async () => {
    const { target, dropped, forwarder } = setup({ maxPerBin: 100, maxQueued: 1000, maxActive: 11 });
    for (let bin = 0; bin < 10; bin++) {
      for (let i = 0; i < 100; i++) forwarder.enqueue(job(`dead${bin}`, `dead${bin}-${i}`));
    }
    expect(forwarder.pending).toBe(1000);
    forwarder.enqueue(job("healthy", "healthy-1"));
    expect(forwarder.pending).toBe(1000);
    expect(dropped).toHaveLength(1);
    const [evicted, reason] = dropped[0] as [string, DropReason];
    expect(reason).toBe("queue_full");
    expect(evicted).toMatch(/^dead\d-99$/);
    // The dead bins' first attempts hang; the healthy bin's capture is sent all the same.
    let call = await target.next();
    while (call.job.binId !== "healthy") call = await target.next();
    expect(call.job.requestId).toBe("healthy-1");
  });

  it("keeps forwarding every bin while one bin's target never answers", async () => {
    const { target, dropped, forwarder } = setup({ maxPerBin: 3, maxQueued: 6, maxActive: 2 });
    const delivered: string[] = [];
    for (let i = 1; i <= 8; i++) {
      forwarder.enqueue(job("dead", `dead${i}`));
      forwarder.enqueue(job("live", `live${i}`));
      // The dead bin's attempt hangs; each of the live bin's is answered before the next capture.
      for (;;) {
        const call = await target.next();
        if (call.job.binId === "dead") continue;
        delivered.push(call.job.requestId);
        call.answer(answered(200));
        await settle();
        break;
      }
    }
    expect(delivered).toEqual(["live1", "live2", "live3", "live4", "live5", "live6", "live7", "live8"]);
    expect(dropped.map(([id]) => id)).toEqual(["dead4", "dead5", "dead6", "dead7", "dead8"]);
    expect(dropped.every(([, reason]) => reason === "bin_full")).toBe(true);
  });
});

describe("Forwarder when a bin stops forwarding or changes its URL", () => {
  it("drops a bin's waiting captures at once; its attempt in progress finishes and is not retried", async () => {
    const { clock, target, logs, forwarder } = setup();
    for (let i = 1; i <= 3; i++) forwarder.enqueue(job("a", `a${i}`));
    forwarder.enqueue(job("b", "b1"));
    const inProgress = await target.next();
    expect(inProgress.job.requestId).toBe("a1");
    expect(forwarder.stopBin("a", "forwardUrl cleared")).toBe(2);
    expect(logs).toEqual([
      "bin a stopped forwarding (forwardUrl cleared): 2 waiting capture(s) dropped; the attempt in progress finishes, without retries",
    ]);
    expect(forwarder.pending).toBe(2);
    inProgress.answer(answered(500));
    await settle();
    expect(clock.waiting).toEqual([]);
    expect((await target.next()).job.requestId).toBe("b1");
    target.calls.at(-1)?.answer(answered(200));
    await settle();
    expect(forwarder.pending).toBe(0);
    expect(target.calls.map((c) => c.job.requestId)).toEqual(["a1", "b1"]);
  });

  it("keeps a new capture of a stopped bin waiting until the attempt still in progress ends", async () => {
    const { target, forwarder } = setup();
    forwarder.enqueue(job("a", "a1"));
    forwarder.enqueue(job("a", "a2"));
    const inProgress = await target.next();
    forwarder.stopBin("a", "forwardUrl cleared");
    forwarder.enqueue(job("a", "a3"));
    await settle();
    expect(target.calls).toHaveLength(1);
    inProgress.answer(answered(200));
    expect((await target.next()).job.requestId).toBe("a3");
    expect(target.maxRunningPerBin).toBe(1);
  });

  it("drops a bin waiting for a retry, and its retry timer", async () => {
    const { clock, target, logs, forwarder } = setup();
    forwarder.enqueue(job("a", "a1"));
    forwarder.enqueue(job("a", "a2"));
    (await target.next()).answer(answered(500));
    await settle();
    expect(clock.waiting).toEqual([20]);
    expect(forwarder.stopBin("a", "bin deleted")).toBe(2);
    expect(logs).toEqual(["bin a stopped forwarding (bin deleted): 2 waiting capture(s) dropped"]);
    expect(clock.waiting).toEqual([]);
    expect(forwarder.pending).toBe(0);
  });

  it("drops a bin that was waiting for its turn, and logs nothing for a bin with nothing queued", async () => {
    const { target, logs, forwarder } = setup({ maxActive: 1 });
    forwarder.enqueue(job("b", "b1"));
    forwarder.enqueue(job("a", "a1"));
    forwarder.enqueue(job("a", "a2"));
    const running = await target.next();
    expect(forwarder.stopBin("a", "forwardUrl cleared")).toBe(2);
    expect(forwarder.stopBin("c", "forwardUrl cleared")).toBe(0);
    expect(logs).toHaveLength(1);
    forwarder.enqueue(job("b", "b2"));
    running.answer(answered(200));
    expect((await target.next()).job.requestId).toBe("b2");
    expect(target.calls.map((c) => c.job.requestId)).toEqual(["b1", "b2"]);
  });

  it("sends the waiting captures, and the retries of the one in progress, to the new URL", async () => {
    const { clock, target, forwarder } = setup();
    forwarder.enqueue(job("a", "a1", "http://old.test/"));
    forwarder.enqueue(job("a", "a2", "http://old.test/"));
    const first = await target.next();
    forwarder.retarget("a", "http://new.test/");
    first.answer(answered(500));
    await settle();
    clock.advance(20);
    await target.answerEach(2, answered(200));
    expect(target.calls.map((c) => [c.job.requestId, c.job.url])).toEqual([
      ["a1", "http://old.test/"],
      ["a1", "http://new.test/"],
      ["a2", "http://new.test/"],
    ]);
  });
});

describe("Forwarder.close", () => {
  it("drops waiting retries and aborts attempts that outlive the grace period", async () => {
    const { clock, target, forwarder } = setup({ retryBaseMs: 60_000 });
    forwarder.enqueue(job("fast", "f1"));
    forwarder.enqueue(job("slow", "s1"));
    const fast = await target.next();
    const slow = await target.next();
    slow.signal.addEventListener("abort", () => slow.answer(failed("shutting_down")));
    fast.answer(answered(500));
    await settle();
    expect(clock.waiting).toEqual([60_000]);
    const closed = forwarder.close(50);
    await settle();
    // The retry's timer is gone; the grace period's is the one left.
    expect(clock.waiting).toEqual([50]);
    expect(slow.signal.aborted).toBe(false);
    clock.advance(50);
    await closed;
    expect(slow.signal.aborted).toBe(true);
    forwarder.enqueue(job("fast", "f2"));
    await settle();
    expect(target.calls).toHaveLength(2);
  });
});
