// Automatic forwarding for this process: the capture path reports what became of each capture of
// a forwarding bin (it entered the outbox in its own transaction, or was refused), and the
// dispatcher sends what the outbox holds through the resend engine.
import { randomUUID } from "node:crypto";
import type { CaptureBin } from "../bins/capture-lookup.ts";
import type { StoredCapture } from "../capture/handler.ts";
import type { Env } from "../env.ts";
import { log } from "../log.ts";
import { recordForwardAttempt } from "../metrics.ts";
import type { Storage } from "../storage/types.ts";
import { type ForwardJob, forwardCapture, recordDroppedForward, recordLoop } from "./deliver.ts";
import { ForwardDispatcher } from "./dispatcher.ts";

export interface Forwarding {
  /** A capture was stored and answered. Never throws. */
  captured(bin: CaptureBin, capture: StoredCapture): void;
  /** Captures in the outbox, all instances together. */
  backlog(): Promise<number>;
  /** See ForwardDispatcher.close. */
  close(graceMs: number): Promise<void>;
}

type Settings = Pick<
  Env,
  | "FORWARD_MAX_ATTEMPTS"
  | "FORWARD_RETRY_BASE_MS"
  | "FORWARD_QUEUE_MAX"
  | "FORWARD_QUEUE_PER_BIN"
  | "FORWARD_CONCURRENCY"
  | "FORWARD_LEASE_MS"
  | "FORWARD_POLL_MS"
>;

const logFailure = (err: unknown) => log.error("forward", err);

export function startForwarding(env: Settings, store: Storage): Forwarding {
  const dispatcher = new ForwardDispatcher({
    store,
    owner: randomUUID(),
    maxAttempts: env.FORWARD_MAX_ATTEMPTS,
    retryBaseMs: env.FORWARD_RETRY_BASE_MS,
    maxActive: env.FORWARD_CONCURRENCY,
    leaseMs: env.FORWARD_LEASE_MS,
    pollMs: env.FORWARD_POLL_MS,
    deliver: async (job, signal) => {
      const attempt = await forwardCapture(job, signal);
      recordForwardAttempt(attempt);
      return attempt;
    },
  });
  dispatcher.start();

  const notSent = (job: ForwardJob, reason: "bin_full" | "queue_full") => {
    const limit = reason === "bin_full" ? env.FORWARD_QUEUE_PER_BIN : env.FORWARD_QUEUE_MAX;
    recordForwardAttempt({ status: null, error: { code: "forward_queue_full" } });
    recordDroppedForward(job, reason, limit).catch(logFailure);
  };

  return {
    captured(bin, capture) {
      const outcome = capture.forward;
      if (!outcome) return;
      const job: ForwardJob = { binId: bin.id, requestId: capture.id, method: capture.method, url: outcome.url };
      switch (outcome.admission) {
        case "queued":
          dispatcher.wake();
          return;
        case "evict":
          // Room was taken from the longest lane's newest capture, which is not forwarded.
          if (outcome.evicted) notSent(outcome.evicted, "queue_full");
          dispatcher.wake();
          return;
        case "loop":
          // Hookscope sent this one itself (a resend or forward, from this server or another):
          // sending it on could close a loop that no URL check sees, so it stops here, and says so.
          recordForwardAttempt({ status: null, error: { code: "forward_loop" } });
          recordLoop(job).catch(logFailure);
          return;
        default:
          notSent(job, outcome.admission);
      }
    },
    backlog: () => store.forwardBacklog(),
    close: (graceMs) => dispatcher.close(graceMs),
  };
}
