// The dispatcher against a real outbox (SQLite storage and its capture writer, a fresh database
// per test) on a fake clock: claims, renewals and retries happen when the test moves time on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CaptureRow } from "../capture/writer-protocol.ts";
import { applyMigrations } from "../db/migrate.ts";
import { newId, newToken } from "../ids.ts";
import { openClient } from "../storage/sqlite/client.ts";
import { createSqliteServer } from "../storage/sqlite/server.ts";
import { createSqliteStorage } from "../storage/sqlite/storage.ts";
import type { CaptureWriter, ClaimedForward, Storage, StoredBin } from "../storage/types.ts";
import {
  type AttemptSummary,
  type DispatcherOptions,
  ForwardDispatcher,
  retryDelay,
  type Schedule,
  shouldRetry,
} from "./dispatcher.ts";

const START = Date.UTC(2026, 10, 1);
const LEASE_MS = 30_000;
const answered = (status: number): AttemptSummary => ({ status, error: null });
const failed = (code: string): AttemptSummary => ({ status: null, error: { code } });

/** Timers that run only when the test moves time on. */
class FakeClock {
  now = START;
  #timers: { at: number; run: () => void }[] = [];

  schedule: Schedule = (run, ms) => {
    const timer = { at: this.now + ms, run };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  };

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
  job: ClaimedForward;
  signal: AbortSignal;
  answer(summary: AttemptSummary | null): void;
}

/** Waits for the dispatcher's database work to catch up until `done` holds. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 5));
}

let dir: string;
let template: string;
let store: Storage;
let writer: CaptureWriter;
let clock: FakeClock;
let calls: Call[];
let logs: string[];
const dispatchers: ForwardDispatcher[] = [];
/** The outbox calls the dispatchers made, in the order they completed. */
let done: { method: string; owner: string; result: unknown }[];

/** The storage's outbox, noting each call once it has completed. */
function watched(owner: string): DispatcherOptions["store"] {
  const note =
    <A extends unknown[], R>(method: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await run(...args);
      done.push({ method, owner, result });
      return result;
    };
  return {
    claimForwards: note("claim", (...a: Parameters<Storage["claimForwards"]>) => store.claimForwards(...a)),
    renewForwards: note("renew", (...a: Parameters<Storage["renewForwards"]>) => store.renewForwards(...a)),
    finishForward: note("finish", (...a: Parameters<Storage["finishForward"]>) => store.finishForward(...a)),
    retryForward: note("retry", (...a: Parameters<Storage["retryForward"]>) => store.retryForward(...a)),
    releaseForwards: note("release", (...a: Parameters<Storage["releaseForwards"]>) => store.releaseForwards(...a)),
  };
}

const count = (method: string, owner: string) => done.filter((d) => d.method === method && d.owner === owner).length;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookscope-dispatcher-"));
  template = path.join(dir, "template.db");
  await applyMigrations(template);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  const file = path.join(fs.mkdtempSync(path.join(dir, "test-")), "outbox.db");
  fs.copyFileSync(template, file);
  store = createSqliteStorage(openClient(file, 1000));
  writer = createSqliteServer({ file, synchronous: "normal", busyTimeoutMs: 1000 }).openCaptureWriter({
    maxRequestsPerBin: 1000,
    forwardQueuePerBin: 100,
    forwardQueueMax: 1000,
  });
  await writer.ready();
  clock = new FakeClock();
  calls = [];
  logs = [];
  done = [];
});
afterEach(async () => {
  for (const d of dispatchers.splice(0)) {
    for (const call of calls) call.answer(answered(200));
    await d.close(0);
  }
  await writer.close();
  await store.close();
});

function dispatcher(owner: string, options: Partial<DispatcherOptions> = {}): ForwardDispatcher {
  const d = new ForwardDispatcher({
    store: watched(owner),
    owner,
    maxAttempts: 3,
    retryBaseMs: 1000,
    maxActive: 4,
    leaseMs: LEASE_MS,
    pollMs: 1000,
    // Each attempt waits for the test to answer it.
    deliver: (job, signal) =>
      new Promise((resolve) => {
        calls.push({ job, signal, answer: resolve });
        signal.addEventListener("abort", () => resolve(failed("shutting_down")));
      }),
    log: (line) => logs.push(line),
    now: () => clock.now,
    schedule: clock.schedule,
    ...options,
  });
  dispatchers.push(d);
  d.start();
  return d;
}

async function forwardingBin(url = "https://user:s3cret@target.test/hook"): Promise<StoredBin> {
  const bin = await store.createBin({
    id: newId(),
    token: newToken(),
    key: newToken(),
    name: null,
    createdAt: new Date(START),
    response: "{}",
  });
  return store.updateBin(bin.key, { forwardUrl: url });
}

/** Stores a capture now; returns its id. */
async function capture(bin: StoredBin, path = "/"): Promise<string> {
  const row: CaptureRow = {
    id: newId(clock.now),
    binId: bin.id,
    token: bin.token,
    method: "POST",
    url: `/h/${bin.token}${path}`,
    path,
    query: "",
    httpVersion: "1.1",
    rawHeaders: ["Host", "hooks.test"],
    contentType: null,
    body: new Uint8Array(),
    bodySize: 0,
    ip: "203.0.113.9",
    receivedAt: clock.now,
    deliveryKey: null,
    answer: null,
  };
  const result = await writer.write(row);
  expect(result).toMatchObject({ ok: true, forward: { admission: "queued" } });
  return row.id;
}

const pendingFor = (binId: string) => calls.filter((c) => c.job.binId === binId);

describe("ForwardDispatcher", () => {
  it("sends a bin's captures one at a time, in capture order, and removes each once sent", async () => {
    const bin = await forwardingBin();
    const ids = [await capture(bin, "/1"), await capture(bin, "/2"), await capture(bin, "/3")];
    const d = dispatcher("one");
    for (let i = 0; i < 3; i++) {
      await until(() => calls.length === i + 1);
      // The next one is not claimed while this one is in progress.
      expect(d.active).toBe(1);
      expect(calls[i]?.job).toMatchObject({ requestId: ids[i], attempts: 1, method: "POST" });
      calls[i]?.answer(answered(200));
    }
    await until(async () => (await store.forwardBacklog()) === 0);
    expect(calls.map((c) => c.job.requestId)).toEqual(ids);
  });

  it("retries a 5xx after the backoff, doubling, up to maxAttempts, then gives up naming only the origin", async () => {
    const bin = await forwardingBin();
    await capture(bin);
    dispatcher("one");
    await until(() => calls.length === 1);
    calls[0]?.answer(answered(503));
    await until(() => count("retry", "one") === 1);
    // Not before its wait is over, whoever looks.
    clock.advance(999);
    const claims = count("claim", "one");
    dispatchers[0]?.wake();
    await until(() => count("claim", "one") > claims);
    expect(calls).toHaveLength(1);
    clock.advance(1);
    await until(() => calls.length === 2);
    expect(calls[1]?.job.attempts).toBe(2);
    calls[1]?.answer(failed("target_unreachable"));
    await until(() => count("retry", "one") === 2);
    clock.advance(1999);
    expect(calls).toHaveLength(2);
    clock.advance(1);
    await until(() => calls.length === 3);
    calls[2]?.answer(answered(500));
    await until(async () => (await store.forwardBacklog()) === 0);
    expect(logs).toContain(`gave up forwarding ${calls[0]?.job.requestId} to https://target.test after 3 attempts`);
    expect(logs.join("\n")).not.toContain("s3cret");
  });

  it("does not retry a 4xx or a refused target", async () => {
    const bin = await forwardingBin();
    await capture(bin, "/1");
    await capture(bin, "/2");
    dispatcher("one");
    await until(() => calls.length === 1);
    calls[0]?.answer(answered(404));
    await until(() => calls.length === 2);
    calls[1]?.answer(failed("target_refused"));
    await until(async () => (await store.forwardBacklog()) === 0);
  });

  it("keeps forwarding other bins while one bin's target hangs, holding one slot", async () => {
    const hanging = await forwardingBin();
    const healthy = await forwardingBin();
    await capture(hanging, "/h1");
    await capture(hanging, "/h2");
    for (let i = 1; i <= 5; i++) await capture(healthy, `/ok${i}`);
    const d = dispatcher("one", { maxActive: 2 });
    for (let i = 0; i < 5; i++) {
      await until(() => pendingFor(healthy.id).length === i + 1);
      pendingFor(healthy.id)[i]?.answer(answered(200));
    }
    await until(async () => (await store.forwardBacklog()) === 2);
    expect(pendingFor(hanging.id)).toHaveLength(1);
    expect(d.active).toBe(1);
  });

  it("renews the lease of an attempt in progress, so that no other instance takes it", async () => {
    const bin = await forwardingBin();
    await capture(bin);
    dispatcher("one");
    await until(() => calls.length === 1);
    const other = dispatcher("two");
    for (let i = 1; i <= 6; i++) {
      clock.advance(LEASE_MS / 3);
      // Each renewal is written before the other instance looks again.
      await until(() => count("renew", "one") === i);
      const claims = count("claim", "two");
      other.wake();
      await until(() => count("claim", "two") > claims);
    }
    const claimedByTwo = done
      .filter((d) => d.method === "claim" && d.owner === "two")
      .flatMap((d) => d.result as unknown[]);
    expect(claimedByTwo).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("lets another instance take over a capture whose claim ran out, and ignores the first instance after", async () => {
    const bin = await forwardingBin();
    const id = await capture(bin);
    // The first instance claims it and stops answering: it renews nothing from here on.
    const frozen = new FakeClock();
    dispatcher("dead", { schedule: frozen.schedule });
    await until(() => calls.length === 1);
    dispatcher("alive");
    clock.advance(LEASE_MS);
    await until(() => calls.length === 2);
    expect(calls[1]?.job).toMatchObject({ requestId: id, attempts: 2 });
    calls[1]?.answer(answered(200));
    await until(async () => (await store.forwardBacklog()) === 0);
    // Its late answer changes nothing: the capture was delivered by the other instance.
    calls[0]?.answer(answered(503));
    await until(() => count("retry", "dead") === 1);
    expect(await store.forwardBacklog()).toBe(0);
  });

  it("on close, aborts what is still in progress after the grace period and leaves it for the next claimer", async () => {
    const bin = await forwardingBin();
    const id = await capture(bin);
    const d = dispatcher("one");
    await until(() => calls.length === 1);
    let closed = false;
    void d.close(5000).then(() => {
      closed = true;
    });
    // The grace period runs on the fake clock, once close() has started waiting.
    await until(() => {
      clock.advance(5000);
      return closed;
    });
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(count("release", "one")).toBe(1);
    expect(await store.claimForwards("next", clock.now, clock.now + LEASE_MS, 1)).toMatchObject([
      { requestId: id, attempts: 2 },
    ]);
  });
});

describe("ForwardDispatcher when things go wrong", () => {
  it("does not give back, on close, a capture whose attempt succeeded while the grace period ended", async () => {
    const bin = await forwardingBin();
    await capture(bin);
    // The target answers, but the attempt ends only after close() has aborted the rest.
    const d = dispatcher("one", {
      deliver: (_job, signal) =>
        new Promise((resolve) => signal.addEventListener("abort", () => setTimeout(() => resolve(answered(200)), 1))),
    });
    await until(() => count("claim", "one") > 0 && d.active === 1);
    let closed = false;
    void d.close(5000).then(() => {
      closed = true;
    });
    await until(() => {
      clock.advance(5000);
      return closed;
    });
    expect(count("release", "one")).toBe(0);
    expect(await store.forwardBacklog()).toBe(0);
  });

  it("retries a capture whose attempt could not be made or recorded, rather than dropping it", async () => {
    const bin = await forwardingBin();
    await capture(bin);
    let calls = 0;
    dispatcher("one", {
      deliver: async () => {
        calls++;
        if (calls === 1) throw new Error("database is locked");
        return answered(200);
      },
    });
    await until(() => count("retry", "one") === 1);
    expect(await store.forwardBacklog()).toBe(1);
    clock.advance(1000);
    await until(() => count("finish", "one") === 1);
    expect(calls).toBe(2);
    expect(await store.forwardBacklog()).toBe(0);
  });

  it("never runs a second attempt of a capture whose claim it let run out while the first still runs", async () => {
    const bin = await forwardingBin();
    await capture(bin);
    const failing = watched("one");
    // Renewals fail, so the lease runs out while the attempt hangs; the same process claims it again.
    const d = dispatcher("one", {
      store: {
        ...failing,
        renewForwards: async () => {
          throw new Error("connection reset");
        },
      },
    });
    await until(() => calls.length === 1);
    clock.advance(LEASE_MS);
    d.wake();
    const granted = () => done.filter((x) => x.method === "claim" && (x.result as unknown[]).length > 0).length;
    await until(() => granted() === 2);
    expect(calls).toHaveLength(1);
    // The attempt in progress finishes under the new claim: the capture leaves the outbox.
    calls[0]?.answer(answered(200));
    await until(async () => (await store.forwardBacklog()) === 0);
  });

  it("stops an attempt that another instance took over", async () => {
    const bin = await forwardingBin();
    const id = await capture(bin);
    dispatcher("slow");
    await until(() => calls.length === 1);
    // The lease runs out unrenewed (say the process stalled) and another instance claims it.
    await store.claimForwards("other", clock.now + LEASE_MS, clock.now + 2 * LEASE_MS, 1);
    clock.advance(LEASE_MS / 3);
    await until(() => calls[0]?.signal.aborted === true);
    expect(calls[0]?.signal.reason).toMatchObject({ code: "forward_taken_over" });
    await until(() => count("release", "slow") === 1);
    expect(await store.claimForwards("probe", clock.now, clock.now, 1)).toEqual([]);
    expect(id).toBeTruthy();
  });
});

describe("retry policy", () => {
  it("retries network errors, timeouts and 5xx, never 4xx or refused targets", () => {
    expect(shouldRetry(answered(502))).toBe(true);
    expect(shouldRetry(failed("target_timeout"))).toBe(true);
    expect(shouldRetry(answered(429))).toBe(false);
    expect(shouldRetry(failed("target_refused"))).toBe(false);
  });

  it("doubles the wait from the base, up to ten minutes", () => {
    expect([1, 2, 3].map((n) => retryDelay(1000, n))).toEqual([1000, 2000, 4000]);
    expect(retryDelay(1000, 20)).toBe(600_000);
  });
});
