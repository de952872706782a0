// One forwarding attempt: the captured request sent to the bin's forwardUrl with the resend
// engine (target safety included) and recorded as an automatic resend. A url that is invalid or
// refused is recorded as a failed attempt too, and so are captures that were not forwarded at all
// (queue full, or a loop), since the attempts are all a user sees of forwarding.
import { ApiError } from "../errors.ts";
import { attemptAndRecord, loadSource } from "../resend/service.ts";
import { recordAttempt } from "../resend/store.ts";
import type { ResendItem } from "../resend/types.ts";

/** A capture to forward, or one that was not: which, from which bin, to where. */
export interface ForwardJob {
  binId: string;
  requestId: string;
  /** The captured method, for records of captures that were not sent. */
  method: string;
  url: string;
}

/** Which bound refused a capture: the whole outbox's or the bin's own. */
export type DropReason = "queue_full" | "bin_full";

/** Sends and records one attempt; null when the capture no longer exists. */
export async function forwardCapture(job: ForwardJob, signal: AbortSignal): Promise<ResendItem | null> {
  const source = await loadSource(job.requestId, job.binId);
  if (!source) return null;
  try {
    return await attemptAndRecord(source, { url: job.url }, { auto: true, signal });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    return recordFailure(job, source.method, err);
  }
}

/** Records that a capture was not forwarded because a forwarding queue bound was reached. */
export async function recordDroppedForward(job: ForwardJob, reason: DropReason, limit: number): Promise<void> {
  const message =
    reason === "bin_full"
      ? `Not forwarded: ${limit} captures of this bin were already waiting to be forwarded (FORWARD_QUEUE_PER_BIN); its target is too slow or failing.`
      : `Not forwarded: ${limit} captures were already waiting to be forwarded (FORWARD_QUEUE_MAX); the targets are too slow or failing.`;
  await recordNotSent(job, new ApiError("forward_queue_full", message));
}

/** Records that a capture was not forwarded because Hookscope itself had sent it (X-Hookscope-Hop). */
export async function recordLoop(job: ForwardJob): Promise<void> {
  await recordNotSent(
    job,
    new ApiError(
      "forward_loop",
      "Not forwarded: this request came from a Hookscope resend or forward (it carries X-Hookscope-Hop), and such requests are never forwarded again, so that a loop through any chain of Hookscope bins and servers ends here.",
    ),
  );
}

/** Records a capture that was not sent, without reading it back (the job knows its method). */
async function recordNotSent(job: ForwardJob, err: ApiError): Promise<void> {
  await recordFailure(job, job.method, err);
}

async function recordFailure(job: ForwardJob, method: string, err: ApiError): Promise<ResendItem | null> {
  try {
    return await recordAttempt(
      job.requestId,
      { url: job.url, method, headers: [] },
      { ok: false, error: { code: err.code, message: err.message }, durationMs: 0 },
      true,
    );
  } catch (e) {
    if (e instanceof ApiError && e.code === "request_not_found") return null;
    throw e;
  }
}
