// Automatic forwarding: every capture of a bin with a forwardUrl is sent there in the background,
// after it has been stored and answered. One bin's captures go out one at a time in capture order;
// a network error or a 5xx answer is retried with exponential backoff up to maxAttempts.
//
// Bins take turns: each bin has a lane, and a lane whose attempt ends goes to the back of the
// ready queue, so a bin whose target hangs holds at most one of the maxActive slots and every other
// bin gets its turn in between. The queue is bounded twice: in all (maxQueued), so a dead target
// cannot grow memory without bound, and per bin (maxPerBin), so one bin cannot take the room every
// other bin needs. Past either bound a capture is refused and reported (dropped).

import { ApiError } from "../errors.ts";
import { log } from "../log.ts";

export interface ForwardJob {
  binId: string;
  requestId: string;
  /** The captured method, for records of captures that were not sent. */
  method: string;
  url: string;
}

/** What the forwarder needs to know about an attempt; null when there is nothing to forward any more. */
export interface AttemptSummary {
  status: number | null;
  error: { code: string } | null;
}

/** Which bound refused a job: the whole queue's or the bin's own. */
export type DropReason = "queue_full" | "bin_full";

/** Runs `run` after `ms` milliseconds; the returned function cancels it. */
export type Schedule = (run: () => void, ms: number) => () => void;

export interface ForwarderOptions {
  maxAttempts: number;
  retryBaseMs: number;
  /** Jobs held at once, waiting or in progress, across all bins. */
  maxQueued: number;
  /** Jobs held at once, waiting or in progress, for one bin. */
  maxPerBin: number;
  /** Bins forwarding at the same time. */
  maxActive?: number;
  /** Sends and records one attempt. */
  deliver(job: ForwardJob, signal: AbortSignal): Promise<AttemptSummary | null>;
  /** Called for a job refused because a bound is reached. */
  dropped?(job: ForwardJob, reason: DropReason): void;
  log?(message: string): void;
  /** Timers (retry waits, the grace period on close); setTimeout by default. */
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
  return () => clearTimeout(timer);
};

interface Entry {
  job: ForwardJob;
  attempts: number;
  /** Set when the bin stopped forwarding during this entry's attempt: it is not retried. */
  cancelled: boolean;
}

interface Lane {
  binId: string;
  /** In capture order; the first is the one running or waiting for its retry. */
  jobs: Entry[];
  /** ready: in the ready queue; running: its first job's attempt is in progress; backoff: waiting to retry it. */
  state: "ready" | "running" | "backoff";
  /** Ends the retry wait early (while backing off). */
  cancelRetry: (() => void) | null;
}

export class Forwarder {
  readonly #options: ForwarderOptions;
  readonly #maxActive: number;
  readonly #log: (message: string) => void;
  readonly #schedule: Schedule;
  /** Every bin with a job, by bin id. */
  readonly #lanes = new Map<string, Lane>();
  /** Lanes whose next job may start as soon as a slot is free, in turn order. */
  readonly #ready: Lane[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #queued = 0;
  #closed = false;

  constructor(options: ForwarderOptions) {
    this.#options = options;
    this.#maxActive = options.maxActive ?? 8;
    this.#log = options.log ?? log.info;
    this.#schedule = options.schedule ?? systemSchedule;
  }

  /** Jobs waiting, backing off or in progress. */
  get pending(): number {
    return this.#queued;
  }

  enqueue(job: ForwardJob): void {
    if (this.#closed) return;
    const lane = this.#lanes.get(job.binId);
    if (lane && lane.jobs.length >= this.#options.maxPerBin) {
      this.#options.dropped?.(job, "bin_full");
      return;
    }
    if (this.#queued >= this.#options.maxQueued) {
      // The queue is full. A bin with fewer captures waiting than the longest lane still gets
      // room, taken from that lane's newest capture: otherwise a few bins with dead targets,
      // each within its own bound, could fill the queue and starve every other bin.
      const evicted = this.#evictFromLongestLane(lane?.jobs.length ?? 0);
      if (!evicted) {
        this.#options.dropped?.(job, "queue_full");
        return;
      }
      this.#queued--;
      this.#options.dropped?.(evicted.job, "queue_full");
    }
    this.#queued++;
    const entry: Entry = { job, attempts: 0, cancelled: false };
    if (lane) {
      lane.jobs.push(entry);
      return;
    }
    const fresh: Lane = { binId: job.binId, jobs: [entry], state: "ready", cancelRetry: null };
    this.#lanes.set(job.binId, fresh);
    this.#makeReady(fresh);
  }

  /** Removes the newest waiting job of the longest lane when it is longer than `than` + 1. */
  #evictFromLongestLane(than: number): Entry | null {
    let longest: Lane | null = null;
    for (const lane of this.#lanes.values()) {
      if (!longest || lane.jobs.length > longest.jobs.length) longest = lane;
    }
    // Its first job may be running; a lane longer than one always has a newer one waiting.
    if (!longest || longest.jobs.length <= than + 1) return null;
    return longest.jobs.pop() ?? null;
  }

  /**
   * The bin stopped forwarding (its forwardUrl was cleared, or it was deleted): its waiting jobs
   * are dropped at once, an attempt in progress finishes but is not retried. Logs one line when
   * the bin had anything queued; returns how many jobs were dropped.
   */
  stopBin(binId: string, why: string): number {
    const lane = this.#lanes.get(binId);
    if (!lane) return 0;
    let dropped: number;
    const current = lane.jobs[0];
    if (lane.state === "running" && current) {
      current.cancelled = true;
      dropped = lane.jobs.length - 1;
      lane.jobs = [current];
    } else {
      dropped = lane.jobs.length;
      lane.cancelRetry?.();
      lane.cancelRetry = null;
      const turn = this.#ready.indexOf(lane);
      if (turn !== -1) this.#ready.splice(turn, 1);
      this.#lanes.delete(binId);
    }
    this.#queued -= dropped;
    const inProgress = lane.state === "running" ? "; the attempt in progress finishes, without retries" : "";
    this.#log(`bin ${binId} stopped forwarding (${why}): ${dropped} waiting capture(s) dropped${inProgress}`);
    return dropped;
  }

  /**
   * The bin forwards to another URL now: its waiting jobs, and the retries of the one in
   * progress, go there. An attempt already in progress finishes against the old URL.
   */
  retarget(binId: string, url: string): void {
    const lane = this.#lanes.get(binId);
    if (!lane) return;
    for (const entry of lane.jobs) entry.job.url = url;
  }

  /**
   * Stops: nothing new starts, waiting jobs are dropped, attempts in progress get graceMs to
   * finish (and be recorded) before they are aborted.
   */
  async close(graceMs: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const lane of this.#lanes.values()) lane.cancelRetry?.();
    const dropped = this.#queued - this.#running.size;
    if (dropped > 0) this.#log(`forwarding stopped; ${dropped} capture(s) were not forwarded`);
    const running = Promise.allSettled([...this.#running]);
    let cancelGrace = () => {};
    const grace = new Promise<void>((resolve) => {
      cancelGrace = this.#schedule(resolve, graceMs);
    });
    await Promise.race([running, grace]);
    cancelGrace();
    this.#abort.abort(new ApiError("shutting_down", "The server stopped while this forward was in progress."));
    await running;
  }

  #makeReady(lane: Lane): void {
    lane.state = "ready";
    this.#ready.push(lane);
    this.#pump();
  }

  #pump(): void {
    while (!this.#closed && this.#running.size < this.#maxActive) {
      const lane = this.#ready.shift();
      if (!lane) return;
      lane.state = "running";
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
      // A copy: retarget() may change the entry's URL while this attempt is under way.
      const attempt = await this.#options.deliver({ ...entry.job }, this.#abort.signal);
      retry = attempt !== null && shouldRetry(attempt) && !entry.cancelled;
    } catch (err) {
      this.#log(`forwarding ${entry.job.requestId} failed: ${(err as Error).message}`);
    }
    if (this.#closed) return;
    if (retry && entry.attempts < this.#options.maxAttempts) {
      lane.state = "backoff";
      lane.cancelRetry = this.#schedule(
        () => {
          lane.cancelRetry = null;
          this.#makeReady(lane);
        },
        retryDelay(this.#options.retryBaseMs, entry.attempts),
      );
      return;
    }
    if (retry) {
      this.#log(
        `gave up forwarding ${entry.job.requestId} to ${originOnly(entry.job.url)} after ${entry.attempts} attempts`,
      );
    }
    lane.jobs.shift();
    this.#queued--;
    if (lane.jobs.length === 0) {
      this.#lanes.delete(lane.binId);
      return;
    }
    // To the back of the queue: every other ready bin goes first (the caller pumps).
    lane.state = "ready";
    this.#ready.push(lane);
  }
}

/**
 * The target for a log line: its origin only. Credentials, and paths that are secrets themselves
 * (another Hookscope's /h/{token}, a Slack webhook's path), stay out of the log.
 */
function originOnly(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid URL)";
  }
}
