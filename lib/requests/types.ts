// The API shapes of captured requests, shared by the server, the route handlers and the UI.
import type { HeaderPair } from "../capture/headers.ts";
import type { AnswerRecord } from "../rules/schema.ts";

export interface RequestSummary {
  id: string;
  seq: number;
  method: string;
  path: string;
  query: string;
  contentType: string | null;
  bodySize: number;
  ip: string;
  receivedAt: string;
  /** The sender's event id, or the body's hash (lib/deliveries/key.ts); null for an empty body without one. */
  deliveryKey: string | null;
  /** Which delivery of its event this capture is: 1 for the first, more for a redelivery. */
  attempt: number;
  /** Which rule answered and what; null when the capture did not record it. */
  answer: AnswerRecord | null;
  /** Only on a request imported from a file (HAR): when it was imported; receivedAt is then the file's time. */
  importedAt?: string;
}

export interface RequestRecord extends RequestSummary {
  url: string;
  httpVersion: string;
  headers: HeaderPair[];
  bodyText: string | null;
}

export interface RequestPage {
  requests: RequestSummary[];
  nextCursor: string | null;
}
