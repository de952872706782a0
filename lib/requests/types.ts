// The API shapes of captured requests, shared by the server, the route handlers and the UI.
import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";
import type { HeaderPair } from "../capture/headers.ts";
import { type AnswerRecord, answerRecordSchema } from "../rules/schema.ts";

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

/** Headers as `[name, value]` pairs in arrival order, original case, duplicates kept: anything a sender sent. */
export const headerListSchema = z.array(z.tuple([z.string(), z.string()]));

const summaryShape = {
  id: z.string(),
  seq: z.number().int().min(1).describe("Increases per bin in commit order; never reused."),
  method: z.string(),
  path: z.string().describe('The raw part after the token ("/" when none).'),
  query: z.string().describe('The raw query string without "?" ("" when none).'),
  contentType: z.string().nullable(),
  bodySize: z.number().int().min(0),
  ip: z.string(),
  receivedAt: z.iso.datetime(),
  deliveryKey: z
    .string()
    .nullable()
    .describe("The sender's event id, or the body's hash; null for an empty body without one."),
  attempt: z
    .number()
    .int()
    .min(1)
    .describe("Which delivery of its event this capture is: 1 for the first, more for a redelivery."),
  answer: answerRecordSchema.nullable().describe("Which rule answered and what; null when not recorded."),
  importedAt: z.iso
    .datetime()
    .optional()
    .describe("Only on a request imported from a HAR file: when it was imported (receivedAt is then the file's time)."),
};

/** List items and live-stream events. */
export const requestSummarySchema = z.strictObject(summaryShape);

export const requestRecordSchema = z.strictObject({
  ...summaryShape,
  url: z.string().describe("The raw request-target as sent (from a share link: starting at the sub-path)."),
  httpVersion: z.string(),
  headers: headerListSchema,
  bodyText: z.string().nullable().describe("The body when it is valid UTF-8 of at most 1 MiB, else null."),
});

export const requestPageSchema = z.strictObject({
  requests: z.array(requestSummarySchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null at the end."),
});

export type RequestShapesMatchSchemas = [
  Holds<SameShape<RequestSummary, z.infer<typeof requestSummarySchema>>>,
  Holds<SameShape<RequestRecord, z.infer<typeof requestRecordSchema>>>,
  Holds<SameShape<RequestPage, z.infer<typeof requestPageSchema>>>,
];
