// The API shapes of a delivery timeline, shared by the server, the route handlers and the UI.
import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";
import { type AnswerRecord, answerRecordSchema } from "../rules/schema.ts";

export interface Delivery {
  id: string;
  seq: number;
  attempt: number;
  receivedAt: string;
  /** Milliseconds since the previous delivery; null for the first one listed. */
  gapMs: number | null;
  answer: AnswerRecord | null;
}

export interface DeliveryTimeline {
  deliveryKey: string | null;
  deliveries: Delivery[];
  /** How many deliveries are stored; more than listed past TIMELINE_MAX_DELIVERIES. */
  total: number;
}

export const deliveryTimelineSchema = z.strictObject({
  deliveryKey: z.string().nullable(),
  deliveries: z.array(
    z.strictObject({
      id: z.string(),
      seq: z.number().int().min(1),
      attempt: z.number().int().min(1),
      receivedAt: z.iso.datetime(),
      gapMs: z.number().nullable().describe("Milliseconds since the previous delivery; null for the first listed."),
      answer: answerRecordSchema.nullable(),
    }),
  ),
  total: z
    .number()
    .int()
    .min(0)
    .describe("How many deliveries are stored; more than listed past TIMELINE_MAX_DELIVERIES."),
});

export type DeliveryTimelineMatchesSchema = Holds<SameShape<DeliveryTimeline, z.infer<typeof deliveryTimelineSchema>>>;
