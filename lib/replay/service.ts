// Bulk replay: a bin's captures sent to one URL in the order they arrived, `repeat` rounds, with
// a pause between sends. Each send is an ordinary resend without edits (lib/resend/): the same
// safety checks and limits, recorded in the capture's resend history.
import { setTimeout as sleep } from "node:timers/promises";
import { getBinOrThrow } from "../bins/service.ts";
import { getEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { usableTarget } from "../resend/attempt.ts";
import { attemptAndRecord, loadSource } from "../resend/service.ts";
import type { ReplayInput } from "./schema.ts";
import { type ReplayCapture, selectCaptures } from "./select.ts";
import type { ReplaySend, SkippedSend } from "./types.ts";

/**
 * Bins with a replay running in this process. One at a time per bin: a second one (a double
 * click, a CLI run started twice) would interleave its sends with the first's at the target.
 */
const running = new Set<string>();

/**
 * The replay's sends, each yielded once made. Everything that refuses the replay is thrown before
 * the first send: an unknown bin or id (404), a bad or refused url, a limit (400), another replay
 * of the bin running (409). Aborting the signal (the client went away) stops after the current send.
 */
export async function* replaySends(key: string, input: ReplayInput, signal: AbortSignal): AsyncGenerator<ReplaySend> {
  const env = getEnv();
  if (input.paceMs > env.REPLAY_MAX_PACE_MS) {
    throw new ApiError(
      "validation_failed",
      `paceMs is at most ${env.REPLAY_MAX_PACE_MS} ms on this server (REPLAY_MAX_PACE_MS); got ${input.paceMs}.`,
    );
  }
  const tooMany = () =>
    new ApiError(
      "validation_failed",
      `A replay sends at most ${env.REPLAY_MAX_SENDS} requests (captures × repeat, REPLAY_MAX_SENDS); choose fewer captures or a smaller repeat.`,
    );
  if (input.repeat > env.REPLAY_MAX_SENDS) throw tooMany();
  usableTarget(input.url);
  const bin = await getBinOrThrow(key);
  if (running.has(bin.id)) {
    throw new ApiError(
      "replay_in_progress",
      "Another replay of this bin is running; wait for it to finish (or stop it) and try again.",
    );
  }
  running.add(bin.id);
  try {
    const captures = await selectCaptures(bin.id, input, Math.floor(env.REPLAY_MAX_SENDS / input.repeat), tooMany);
    let reachedTarget = false;
    let index = 0;
    for (let round = 1; round <= input.repeat; round++) {
      for (const capture of captures) {
        if (index++ > 0 && !(await pause(input.paceMs, signal))) return;
        if (signal.aborted) return;
        const send = await sendOne(bin.id, capture, input.url, reachedTarget);
        reachedTarget ||= send.reached;
        const { id, seq, method, path, query } = capture;
        yield { requestId: id, seq, round, method, path, query, resend: send.resend };
      }
    }
  } finally {
    running.delete(bin.id);
  }
}

/**
 * One resend of the capture as captured. A refusal (the url's name now resolves to a refused
 * address) is thrown while nothing has reached the target, so the whole replay is refused like a
 * resend; after that it is reported as this send's failure.
 */
async function sendOne(
  binId: string,
  capture: ReplayCapture,
  url: string,
  reachedTarget: boolean,
): Promise<{ resend: ReplaySend["resend"]; reached: boolean }> {
  const source = await loadSource(capture.id, binId);
  if (!source) {
    return {
      resend: skipped("request_not_found", `Capture #${capture.seq} was deleted before it was sent.`),
      reached: false,
    };
  }
  try {
    const item = await attemptAndRecord(source, { url }, { auto: false });
    if (item) return { resend: item, reached: true };
    return {
      reached: true,
      resend: skipped(
        "request_not_found",
        `Capture #${capture.seq} was deleted while it was being sent: the target got it, but it has no history to record it in.`,
      ),
    };
  } catch (err) {
    if (reachedTarget && err instanceof ApiError && err.status === 400) {
      return { resend: skipped(err.code, err.message), reached: false };
    }
    throw err;
  }
}

function skipped(code: string, message: string): SkippedSend {
  return { id: null, status: null, headers: null, body: null, durationMs: 0, error: { code, message } };
}

/** Waits ms; false when the signal ended the wait. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms === 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
