// Automatic forwarding for this process: the forwarder, fed by the capture path's onStored hook,
// delivering through the resend engine, told by the bins service when a bin changes.
import type { CaptureBin } from "../bins/capture-lookup.ts";
import type { StoredCapture } from "../capture/handler.ts";
import { firstHeader } from "../capture/headers.ts";
import type { Env } from "../env.ts";
import { log } from "../log.ts";
import { recordForwardAttempt } from "../metrics.ts";
import { HOP_HEADER } from "../resend/outgoing-headers.mjs";
import { setForwardingControl } from "./bin-changes.ts";
import { forwardCapture, recordDroppedForward, recordLoop } from "./deliver.ts";
import { Forwarder, type ForwardJob } from "./forwarder.ts";

export interface Forwarding {
  /** A capture was stored and answered: forward it when its bin forwards. Never throws. */
  captured(bin: CaptureBin, capture: StoredCapture): void;
  /** Captures waiting, backing off or being forwarded. */
  readonly pending: number;
  /** See Forwarder.close. */
  close(graceMs: number): Promise<void>;
}

type Settings = Pick<
  Env,
  "FORWARD_MAX_ATTEMPTS" | "FORWARD_RETRY_BASE_MS" | "FORWARD_QUEUE_MAX" | "FORWARD_QUEUE_PER_BIN"
>;

const logFailure = (err: unknown) => log.error("forward", err);

export function startForwarding(env: Settings): Forwarding {
  const forwarder = new Forwarder({
    maxAttempts: env.FORWARD_MAX_ATTEMPTS,
    retryBaseMs: env.FORWARD_RETRY_BASE_MS,
    maxQueued: env.FORWARD_QUEUE_MAX,
    maxPerBin: env.FORWARD_QUEUE_PER_BIN,
    deliver: async (job, signal) => {
      const attempt = await forwardCapture(job, signal);
      recordForwardAttempt(attempt);
      return attempt;
    },
    dropped: (job, reason) => {
      const limit = reason === "bin_full" ? env.FORWARD_QUEUE_PER_BIN : env.FORWARD_QUEUE_MAX;
      recordForwardAttempt({ status: null, error: { code: "forward_queue_full" } });
      recordDroppedForward(job, reason, limit).catch(logFailure);
    },
  });
  setForwardingControl({
    forwardUrlChanged: (binId, forwardUrl) => {
      if (forwardUrl === null) forwarder.stopBin(binId, "forwardUrl cleared");
      else forwarder.retarget(binId, forwardUrl);
    },
    binDeleted: (binId) => {
      forwarder.stopBin(binId, "bin deleted");
    },
  });
  return {
    get pending() {
      return forwarder.pending;
    },
    captured(bin, capture) {
      if (!bin.forwardUrl) return;
      const job: ForwardJob = { binId: bin.id, requestId: capture.id, method: capture.method, url: bin.forwardUrl };
      // Hookscope sent this one itself (a resend or forward, from this server or another): sending
      // it on could close a loop that no URL check sees, so it stops here, and says so.
      if (firstHeader(capture.rawHeaders, HOP_HEADER) !== null) {
        recordForwardAttempt({ status: null, error: { code: "forward_loop" } });
        recordLoop(job).catch(logFailure);
      } else {
        forwarder.enqueue(job);
      }
    },
    async close(graceMs) {
      setForwardingControl(undefined);
      await forwarder.close(graceMs);
    },
  };
}
