// The API shape of a bulk replay's answer, shared by the server, the UI and the command line.
import type { ResendError, ResendItem } from "../resend/types.ts";

/** A send that was not made: its capture was deleted during the replay. */
export interface SkippedSend {
  id: null;
  status: null;
  headers: null;
  body: null;
  durationMs: 0;
  error: ResendError;
}

/** One send of a replay: which capture, which round, and the resend it made. */
export interface ReplaySend {
  requestId: string;
  seq: number;
  round: number;
  /** The capture's method, sub-path and query, for showing which one was sent. */
  method: string;
  path: string;
  query: string;
  /** The resend's answer, as POST .../resend gives it (recorded in the capture's history), or why nothing was sent. */
  resend: ResendItem | SkippedSend;
}

export interface ReplayTotals {
  /** Sends the target answered, whatever the status. */
  sent: number;
  /** Sends that got no answer, or were not made. */
  failed: number;
}

export interface ReplayAnswer extends ReplayTotals {
  results: ReplaySend[];
}

export function tally(results: readonly ReplaySend[]): ReplayTotals {
  const sent = results.filter((r) => r.resend.status !== null).length;
  return { sent, failed: results.length - sent };
}
