// Automatic forwarding from the outbox. Captures of a forwarding bin enter the outbox in their own
// transaction (lib/forward/admission.ts); each instance claims due captures for a lease, sends
// each once per attempt, and then removes it, or frees it until its retry is due (exponential
// backoff, up to maxAttempts), so any instance may make the next attempt. The lease is renewed
// while an attempt runs; when an instance dies, its claims run out and another instance takes
// them over. The outbox claims only a bin's oldest capture, so one bin's captures go out one at a
// time and in order, and a bin whose target hangs holds at most one of the maxActive slots.
import { ApiError } from "../errors.ts";
import { log } from "../log.ts";
import type { ClaimedForward, Storage } from "../storage/types.ts";

/** What the dispatcher needs to know about an attempt; null when there is nothing to forward any more. */
export interface AttemptSummary {
  status: number | null;
  error: { code: string } | null;
}

/** Runs `run` after `ms` milliseconds; the returned function cancels it. */
export type Schedule = (run: () => void, ms: number) => () => void;

export type OutboxStore = Pick<
  Storage,
  "claimForwards" | "renewForwards" | "finishForward" | "retryForward" | "releaseForwards"
>;

export interface DispatcherOptions {
  store: OutboxStore;
  /** Names this process in its claims. */
  owner: string;
  maxAttempts: number;
  retryBaseMs: number;
  /** Attempts in progress at once in this process. */
  maxActive: number;
  /** How long a claim holds without being renewed. */
  leaseMs: number;
  /** How often the outbox is looked at for captures other instances stored, or left. */
  pollMs: number;
  /** Sends and records one attempt. */
  deliver(job: ClaimedForward, signal: AbortSignal): Promise<AttemptSummary | null>;
  log?(message: string): void;
  now?(): number;
  schedule?: Schedule;
}

/** Attempt errors worth retrying: the target may answer later. A refused or invalid url will not. */
const RETRYABLE = new Set([
  "target_unreachable",
  "target_dns_failed",
  "target_tls_failed",
  "target_timeout",
  "target_bad_response",
]);

const MAX_DELAY_MS = 10 * 60 * 1000;

export function shouldRetry(attempt: AttemptSummary): boolean {
  if (attempt.error) return RETRYABLE.has(attempt.error.code);
  return attempt.status !== null && attempt.status >= 500;
}

/** The wait before attempt n + 1 (n >= 1): base, 2 x base, 4 x base, ... */
export function retryDelay(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_DELAY_MS);
}

const systemSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

interface Running {
  /** The claim the attempt holds: its `attempts` fences every update of the outbox. */
  claim: ClaimedForward;
  /** Cuts the attempt off: on close(), or when another instance took the capture over. */
  abort: AbortController;
  done: Promise<void>;
}

export class ForwardDispatcher {
  readonly #o: DispatcherOptions;
  readonly #log: (message: string) => void;
  readonly #now: () => number;
  readonly #schedule: Schedule;
  /** Attempts in progress, by request id. */
  readonly #running = new Map<string, Running>();
  readonly #timers = new Set<() => void>();
  #cancelRenew = () => {};
  #claiming: Promise<void> | null = null;
  #again = false;
  #closed = false;

  constructor(options: DispatcherOptions) {
    this.#o = options;
    this.#log = options.log ?? log.info;
    this.#now = options.now ?? Date.now;
    this.#schedule = options.schedule ?? systemSchedule;
  }

  /** Attempts in progress in this process. */
  get active(): number {
    return this.#running.size;
  }

  /** Starts looking at the outbox now and every pollMs, and renewing claims. */
  start(): void {
    this.#every(this.#o.pollMs, () => this.wake());
    this.#cancelRenew = this.#repeat(Math.max(1, Math.floor(this.#o.leaseMs / 3)), () => void this.#renew());
    this.wake();
  }

  /** Something may be due (a capture was stored here, an attempt ended): claim what is. */
  wake(): void {
    if (this.#closed) return;
    if (this.#claiming) {
      this.#again = true;
      return;
    }
    this.#claiming = this.#claim().finally(() => {
      this.#claiming = null;
      if (this.#again) {
        this.#again = false;
        this.wake();
      }
    });
  }

  /**
   * Stops: nothing new is claimed; attempts in progress get graceMs to finish (and be recorded),
   * then are aborted and their captures freed for another instance, or for the next start.
   */
  async close(graceMs: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
    await this.#claiming;
    // Claims are still renewed while the attempts in progress finish.
    const running = Promise.allSettled([...this.#running.values()].map((r) => r.done));
    let cancelGrace = () => {};
    const grace = new Promise<void>((resolve) => {
      cancelGrace = this.#schedule(resolve, graceMs);
    });
    await Promise.race([running, grace]);
    cancelGrace();
    const stopping = new ApiError("shutting_down", "The server stopped while this forward was in progress.");
    for (const { abort } of this.#running.values()) abort.abort(stopping);
    await running;
    this.#cancelRenew();
  }

  /** Runs `run` every `ms` until close(). */
  #every(ms: number, run: () => void): void {
    const cancel = this.#repeat(ms, () => {
      if (this.#closed) cancel();
      else run();
    });
    this.#timers.add(cancel);
  }

  /** Runs `run` every `ms` until the returned function is called. */
  #repeat(ms: number, run: () => void): () => void {
    let cancelNext = () => {};
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      run();
      if (!stopped) cancelNext = this.#schedule(tick, ms);
    };
    cancelNext = this.#schedule(tick, ms);
    return () => {
      stopped = true;
      cancelNext();
    };
  }

  async #claim(): Promise<void> {
    const free = this.#o.maxActive - this.#running.size;
    if (free <= 0) return;
    const now = this.#now();
    let jobs: ClaimedForward[];
    try {
      jobs = await this.#o.store.claimForwards(this.#o.owner, now, now + this.#o.leaseMs, free);
    } catch (err) {
      this.#log(`forwarding: the outbox could not be read: ${(err as Error).message}`);
      return;
    }
    for (const job of jobs) {
      const running = this.#running.get(job.requestId);
      if (running) {
        // This process's own claim ran out while its attempt still runs (renewals failed) and it
        // claimed the capture again: the attempt in progress carries on under the new claim
        // rather than a second one starting.
        running.claim = job;
        continue;
      }
      const entry: Running = { claim: job, abort: new AbortController(), done: Promise.resolve() };
      entry.done = this.#attempt(entry).finally(() => {
        this.#running.delete(job.requestId);
        this.wake();
      });
      this.#running.set(job.requestId, entry);
    }
  }

  async #attempt(entry: Running): Promise<void> {
    const { store, owner, maxAttempts, retryBaseMs } = this.#o;
    const signal = entry.abort.signal;
    let attempt: AttemptSummary | null;
    try {
      attempt = await this.#o.deliver(entry.claim, signal);
    } catch (err) {
      // Not sent, or not recorded (the database failed): tried again like a failed attempt.
      this.#log(`forwarding ${entry.claim.requestId} failed: ${(err as Error).message}`);
      attempt = { status: null, error: { code: "internal_error" } };
    }
    const job = entry.claim;
    const cutOff = attempt?.error?.code === "shutting_down" || attempt?.error?.code === "forward_taken_over";
    if (cutOff && signal.aborted) {
      // Cut off by close() or a lost claim: not delivered, so it stays for whoever runs next.
      await this.#settle(() => store.releaseForwards(owner, [job]), job);
      return;
    }
    const retry = attempt === null ? false : attempt.error?.code === "internal_error" || shouldRetry(attempt);
    if (retry && job.attempts < maxAttempts) {
      const delay = retryDelay(retryBaseMs, job.attempts);
      await this.#settle(() => store.retryForward(owner, job, this.#now() + delay), job);
      this.#wakeIn(delay);
      return;
    }
    if (retry) {
      this.#log(`gave up forwarding ${job.requestId} to ${originOnly(job.url)} after ${job.attempts} attempts`);
    }
    await this.#settle(() => store.finishForward(owner, job, this.#now()), job);
  }

  /** Updates the outbox; on failure the claim runs out and the capture is tried again: at least once, never lost. */
  async #settle(update: () => Promise<unknown>, job: ClaimedForward): Promise<void> {
    try {
      await update();
    } catch (err) {
      this.#log(`forwarding ${job.requestId}: the outbox could not be updated: ${(err as Error).message}`);
    }
  }

  #wakeIn(ms: number): void {
    if (this.#closed) return;
    const cancel = this.#schedule(() => {
      this.#timers.delete(cancel);
      this.wake();
    }, ms);
    this.#timers.add(cancel);
  }

  async #renew(): Promise<void> {
    const held = [...this.#running.values()];
    if (held.length === 0) return;
    try {
      const { takenOver } = await this.#o.store.renewForwards(
        this.#o.owner,
        held.map((r) => r.claim),
        this.#now() + this.#o.leaseMs,
      );
      // A capture removed meanwhile (the bin stopped forwarding, or it was deleted) finishes its
      // attempt, without retries. One taken over after the lease ran out is being sent by another
      // instance: this attempt stops.
      const lost = new Set(takenOver);
      for (const { claim, abort } of held) {
        if (!lost.has(claim.requestId) || this.#running.get(claim.requestId)?.claim !== claim) continue;
        abort.abort(new ApiError("forward_taken_over", "Another instance took this forward over; it stopped here."));
      }
    } catch (err) {
      this.#log(`forwarding: claims could not be renewed: ${(err as Error).message}`);
    }
  }
}

/**
 * The target for a log line: its origin only. Credentials, and paths that are secrets themselves
 * (another Hookscope's /h/{token}, a Slack webhook's path), stay out of the log.
 */
export function originOnly(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid URL)";
  }
}
