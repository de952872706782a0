import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";
import { type Rule, storedRuleSchema } from "../rules/schema.ts";
import { type SavedSecretJson, savedSecretJsonSchema } from "../signatures/saved.ts";
import { type BinResponse, binResponseSchema } from "./response.ts";

export interface BinJson {
  /** Lets anyone send to the bin (its captureUrl), nothing more. */
  token: string;
  /** Opens the bin: its inspectUrl, API and live stream. */
  key: string;
  name: string | null;
  captureUrl: string;
  inspectUrl: string;
  createdAt: string;
  lastRequestAt: string | null;
  requestCount: number;
  forwardUrl: string | null;
  response: BinResponse;
  /** The answer rules, first match wins; signing secrets are never shown, only `sign.maskedSecret`. */
  rules: Rule[];
  /** Secrets saved for the signature check, one per scheme at most; only masked. */
  signingSecrets: SavedSecretJson[];
}

/** The bin as the API answers it (GET, POST, PATCH /api/bins..., rotate). */
export const binJsonSchema = z.strictObject({
  token: z.string().describe("Lets anyone send to the bin (its captureUrl), nothing more."),
  key: z.string().describe("Opens the bin: its inspectUrl, API and live stream."),
  name: z.string().nullable(),
  captureUrl: z.url().describe("`{base}/h/{token}`: hand it to senders."),
  inspectUrl: z.url().describe("`{base}/b/{key}`: the inspector."),
  createdAt: z.iso.datetime(),
  lastRequestAt: z.iso.datetime().nullable(),
  requestCount: z.number().int().min(0),
  forwardUrl: z.url().nullable().describe("Every new capture is forwarded here; null: no forwarding."),
  response: binResponseSchema,
  rules: z
    .array(storedRuleSchema)
    .describe("The answer rules, first match wins; signing secrets are never shown, only `sign.maskedSecret`."),
  signingSecrets: z
    .array(savedSecretJsonSchema)
    .describe("Secrets saved for the signature check, one per scheme at most; only masked."),
});

export const binListSchema = z.strictObject({ bins: z.array(binJsonSchema) });

export type BinJsonMatchesSchema = Holds<SameShape<BinJson, z.infer<typeof binJsonSchema>>>;
