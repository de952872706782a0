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

export class ForwardDispatcher {
  readonly #o: DispatcherOptions;
  readonly #log: (message: string) => void;
  readonly #now: () => number;
  readonly #schedule: Schedule;
  /** Attempts in progress, by request id. */
  readonly #running = new Map<string, Promise<void>>();
  readonly #timers = new Set<() => void>();
  readonly #abort = new AbortController();
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
    this.#every(Math.max(1, Math.floor(this.#o.leaseMs / 3)), () => void this.#renew());
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
    const running = Promise.allSettled([...this.#running.values()]);
    let cancelGrace = () => {};
    const grace = new Promise<void>((resolve) => {
      cancelGrace = this.#schedule(resolve, graceMs);
    });
    await Promise.race([running, grace]);
    cancelGrace();
    this.#abort.abort(new ApiError("shutting_down", "The server stopped while this forward was in progress."));
    await running;
  }

  #every(ms: number, run: () => void): void {
    const tick = () => {
      this.#timers.delete(cancel);
      if (this.#closed) return;
      run();
      this.#every(ms, run);
    };
    const cancel = this.#schedule(tick, ms);
    this.#timers.add(cancel);
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
      const run = this.#attempt(job).finally(() => {
        this.#running.delete(job.requestId);
        this.wake();
      });
      this.#running.set(job.requestId, run);
    }
  }

  async #attempt(job: ClaimedForward): Promise<void> {
    const { store, owner, maxAttempts, retryBaseMs } = this.#o;
    let attempt: AttemptSummary | null = null;
    try {
      attempt = await this.#o.deliver(job, this.#abort.signal);
    } catch (err) {
      this.#log(`forwarding ${job.requestId} failed: ${(err as Error).message}`);
    }
    try {
      if (this.#abort.signal.aborted) {
        // Cut off by close(): not delivered, so it stays in the outbox for whoever runs next.
        await store.releaseForwards(owner, [job.requestId]);
        return;
      }
      const retry = attempt !== null && shouldRetry(attempt);
      if (retry && job.attempts < maxAttempts) {
        const delay = retryDelay(retryBaseMs, job.attempts);
        await store.retryForward(owner, job.requestId, this.#now() + delay);
        this.#wakeIn(delay);
        return;
      }
      if (retry) {
        this.#log(`gave up forwarding ${job.requestId} to ${originOnly(job.url)} after ${job.attempts} attempts`);
      }
      await store.finishForward(owner, job.requestId, this.#now());
    } catch (err) {
      // The claim runs out and the capture is tried again: at least once, never lost.
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
    const held = [...this.#running.keys()];
    if (held.length === 0) return;
    try {
      const kept = new Set(await this.#o.store.renewForwards(this.#o.owner, held, this.#now() + this.#o.leaseMs));
      const lost = held.filter((id) => !kept.has(id));
      // Removed meanwhile (the bin stopped forwarding, or the capture was deleted), or taken over.
      if (lost.length > 0) this.#log(`forwarding: ${lost.length} claim(s) no longer held; not retried here`);
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
