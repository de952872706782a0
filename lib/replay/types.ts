// The API shape of a bulk replay's answer, shared by the server, the UI and the command line.
import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";
import { type ResendError, type ResendItem, resendItemSchema } from "../resend/types.ts";

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

const skippedSendSchema = z.strictObject({
  id: z.null(),
  status: z.null(),
  headers: z.null(),
  body: z.null(),
  durationMs: z.literal(0),
  error: z.strictObject({ code: z.string(), message: z.string() }),
});

const totalsShape = {
  sent: z.number().int().min(0).describe("Sends the target answered, whatever the status."),
  failed: z.number().int().min(0).describe("Sends that got no answer, or were not made."),
};

export const replaySendSchema = z.strictObject({
  requestId: z.string(),
  seq: z.number().int().min(1),
  round: z.number().int().min(1),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  resend: z.union([resendItemSchema, skippedSendSchema]),
});

export const replayTotalsSchema = z.strictObject(totalsShape);

export const replayAnswerSchema = z.strictObject({ ...totalsShape, results: z.array(replaySendSchema) });

export type ReplayShapesMatchSchemas = [
  Holds<SameShape<ReplaySend, z.infer<typeof replaySendSchema>>>,
  Holds<SameShape<ReplayTotals, z.infer<typeof replayTotalsSchema>>>,
  Holds<SameShape<ReplayAnswer, z.infer<typeof replayAnswerSchema>>>,
];

export function tally(results: readonly ReplaySend[]): ReplayTotals {
  const sent = results.filter((r) => r.resend.status !== null).length;
  return { sent, failed: results.length - sent };
}
