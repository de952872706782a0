// Automatic forwarding: every capture of a bin with a forwardUrl is sent there in the background,
// after it has been stored and answered. One bin's captures go out one at a time in capture order;
// a network error or a 5xx answer is retried with exponential backoff up to maxAttempts. The queue
// is bounded, so a dead target cannot grow memory without bound: past it, captures are dropped.

import { ApiError } from "../errors.ts";

export interface ForwardJob {
  binId: string;
  requestId: string;
  url: string;
}

/** What the forwarder needs to know about an attempt; null when there is nothing to forward any more. */
export interface AttemptSummary {
  status: number | null;
  error: { code: string } | null;
}

export interface ForwarderOptions {
  maxAttempts: number;
  retryBaseMs: number;
  /** Jobs held at once, waiting or in progress, across all bins. */
  maxQueued: number;
  /** Bins forwarding at the same time. */
  maxActive?: number;
  /** Sends and records one attempt. */
  deliver(job: ForwardJob, signal: AbortSignal): Promise<AttemptSummary | null>;
  /** Called for a job refused because the queue is full. */
  dropped?(job: ForwardJob): void;
  log?(message: string): void;
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

interface Lane {
  binId: string;
  jobs: { job: ForwardJob; attempts: number }[];
}

export class Forwarder {
  readonly #options: ForwarderOptions;
  readonly #maxActive: number;
  readonly #log: (message: string) => void;
  readonly #lanes = new Map<string, Lane>();
  /** Lanes whose next job may start as soon as a slot is free. */
  readonly #ready: Lane[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #abort = new AbortController();
  #queued = 0;
  #closed = false;

  constructor(options: ForwarderOptions) {
    this.#options = options;
    this.#maxActive = options.maxActive ?? 8;
    this.#log = options.log ?? ((message) => console.log(`[hookscope] ${message}`));
  }

  /** Jobs waiting, backing off or in progress. */
  get pending(): number {
    return this.#queued;
  }

  enqueue(job: ForwardJob): void {
    if (this.#closed) return;
    if (this.#queued >= this.#options.maxQueued) {
      this.#options.dropped?.(job);
      return;
    }
    this.#queued++;
    let lane = this.#lanes.get(job.binId);
    if (lane) {
      lane.jobs.push({ job, attempts: 0 });
      return;
    }
    lane = { binId: job.binId, jobs: [{ job, attempts: 0 }] };
    this.#lanes.set(job.binId, lane);
    this.#ready.push(lane);
    this.#pump();
  }

  /**
   * Stops: nothing new starts, waiting jobs are dropped, attempts in progress get graceMs to
   * finish (and be recorded) before they are aborted.
   */
  async close(graceMs: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const dropped = this.#queued - this.#running.size;
    if (dropped > 0) this.#log(`forwarding stopped; ${dropped} capture(s) were not forwarded`);
    const running = Promise.allSettled([...this.#running]);
    const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([running, grace]);
    this.#abort.abort(new ApiError("shutting_down", "The server stopped while this forward was in progress."));
    await running;
  }

  #pump(): void {
    while (!this.#closed && this.#running.size < this.#maxActive) {
      const lane = this.#ready.shift();
      if (!lane) return;
      const run: Promise<void> = this.#runNext(lane).finally(() => {
        this.#running.delete(run);
        this.#pump();
      });
      this.#running.add(run);
    }
  }

  async #runNext(lane: Lane): Promise<void> {
    const entry = lane.jobs[0];
    if (!entry) return;
    entry.attempts++;
    let retry = false;
    try {
      const attempt = await this.#options.deliver(entry.job, this.#abort.signal);
      retry = attempt !== null && shouldRetry(attempt);
    } catch (err) {
      this.#log(`forwarding ${entry.job.requestId} failed: ${(err as Error).message}`);
    }
    if (this.#closed) return;
    if (retry && entry.attempts < this.#options.maxAttempts) {
      const timer = setTimeout(
        () => {
          this.#timers.delete(timer);
          this.#ready.push(lane);
          this.#pump();
        },
        retryDelay(this.#options.retryBaseMs, entry.attempts),
      );
      this.#timers.add(timer);
      return;
    }
    if (retry) {
      this.#log(
        `gave up forwarding ${entry.job.requestId} to ${withoutCredentials(entry.job.url)} after ${entry.attempts} attempts`,
      );
    }
    lane.jobs.shift();
    this.#queued--;
    if (lane.jobs.length > 0) this.#ready.push(lane);
    else this.#lanes.delete(lane.binId);
  }
}

/** The URL for a log line: user and password, if any, left out. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}
