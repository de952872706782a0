// The API shapes of a delivery timeline, shared by the server, the route handlers and the UI.
import type { AnswerRecord } from "../rules/schema.ts";

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
