// The API shape of a resend attempt (manual or automatic), shared by the server and the UI.
import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";
import type { HeaderPair } from "../capture/headers.ts";
import { headerListSchema } from "../requests/types.ts";

export interface ResendError {
  code: string;
  message: string;
}

interface ResendCommon {
  id: string;
  /** The target's status; null when it did not answer. */
  status: number | null;
  /** The target's answer headers as sent; null when it did not answer. */
  headers: HeaderPair[] | null;
  /** True when the answer body was longer than RESEND_MAX_RESPONSE_BYTES and was cut there. */
  bodyTruncated: boolean;
  durationMs: number;
  error: ResendError | null;
  url: string;
  method: string;
  /** The headers sent to the target, in order. */
  sentHeaders: HeaderPair[];
  createdAt: string;
  /** True when the attempt came from the bin's automatic forwarding. */
  auto: boolean;
}

/** The answer body: `body` when it is valid UTF-8 (null when there was no answer), else `bodyBase64`. */
export type ResendItem = ResendCommon & ({ body: string | null } | { bodyBase64: string });

export interface ResendList {
  resends: ResendItem[];
}

const resendCommonShape = {
  id: z.string(),
  status: z.number().int().nullable().describe("The target's status; null when it did not answer."),
  headers: headerListSchema.nullable().describe("The target's answer headers as sent; null when it did not answer."),
  bodyTruncated: z
    .boolean()
    .describe(
      "True when the answer body was cut at RESEND_MAX_RESPONSE_BYTES (or, in a replay's JSON answer, left out past REPLAY_MAX_ANSWER_BYTES).",
    ),
  durationMs: z.number().min(0),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
  url: z.string(),
  method: z.string(),
  sentHeaders: headerListSchema.describe("The headers sent to the target, in order."),
  createdAt: z.iso.datetime(),
  auto: z.boolean().describe("True when the attempt came from the bin's automatic forwarding."),
};

/** A resend or forward attempt: `body` when the answer is valid UTF-8 (null without an answer), else `bodyBase64`. */
export const resendItemSchema = z.union([
  z.strictObject({ ...resendCommonShape, body: z.string().nullable() }),
  z.strictObject({ ...resendCommonShape, bodyBase64: z.string() }),
]);

export const resendListSchema = z.strictObject({ resends: z.array(resendItemSchema) });

export type ResendShapesMatchSchemas = [
  Holds<SameShape<ResendItem, z.infer<typeof resendItemSchema>>>,
  Holds<SameShape<ResendList, z.infer<typeof resendListSchema>>>,
];
