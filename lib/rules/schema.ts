// Answer rules: an ordered list per bin, first match wins, else the bin's default response.
// Shared by the bin API, the settings panel, the capture path and the preview.
import { z } from "zod";
import { headerPairSchema, isReservedAnswerHeader } from "../bins/response.ts";

/** Templates and matcher values are bounded so that one rule cannot make an answer huge. */
export const MAX_TEMPLATE_CHARS = 64 * 1024;
export const MAX_RULES_PER_BIN = 50;

const ruleId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "a rule id is 1 to 40 letters, digits, _ or -");

/** A header or query parameter that must be present, or equal a value when one is given. */
const pairMatcher = z
  .object({
    name: z.string().min(1).max(200),
    equals: z.string().max(8192).nullable().default(null),
  })
  .strict();

const bodyMatcher = z.discriminatedUnion("kind", [
  /** The JSON body's value at an RFC 6901 pointer, compared as text (numbers and booleans too). */
  z
    .object({
      kind: z.literal("json"),
      pointer: z.string().regex(/^(\/.*)?$/, "a JSON pointer is empty or starts with /"),
      equals: z.string().max(8192),
    })
    .strict(),
  /** A substring of the body decoded as UTF-8, case-sensitive. */
  z.object({ kind: z.literal("contains"), text: z.string().min(1).max(8192) }).strict(),
]);

export const ruleMatchSchema = z
  .object({
    /** One method, case-insensitive; null for any. */
    method: z.string().regex(/^[A-Za-z]+$/).max(20).nullable().default(null),
    /** A glob over the sub-path after the token ("/" when none), e.g. "/stripe/**"; null for any. */
    path: z.string().min(1).max(500).nullable().default(null),
    headers: z.array(pairMatcher).max(10).default([]),
    query: z.array(pairMatcher).max(10).default([]),
    body: bodyMatcher.nullable().default(null),
  })
  .strict();

/**
 * An HMAC the answer can quote as {{signature}}: of the rendered `input` template, with a secret
 * stored with the bin and never shown again in full (Zoom's and X's challenge answers).
 */
export const ruleSignSchema = z
  .object({
    algorithm: z.enum(["sha256", "sha1", "sha512"]).default("sha256"),
    encoding: z.enum(["hex", "base64"]).default("hex"),
    input: z.string().max(MAX_TEMPLATE_CHARS),
    /** Omitted on update: the secret already stored for this rule id is kept. */
    secret: z.string().min(1).max(1024).optional(),
    /** How answers show the stored secret (e.g. "••••••c0de"); ignored on input, so a rule read can be sent back. */
    maskedSecret: z.string().max(64).optional(),
  })
  .strict();

const when = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("always") }).strict(),
  /** The first `count` deliveries of each event (same delivery key) fail; later ones are answered. */
  z.object({ kind: z.literal("first"), count: z.number().int().min(1).max(100) }).strict(),
  /** Each request fails with this probability, independently. */
  z.object({ kind: z.literal("percent"), percent: z.number().min(0).max(100) }).strict(),
]);

const failure = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("status"), status: z.number().int().min(400).max(599).default(500) }).strict(),
  /** 429 with Retry-After. */
  z.object({ kind: z.literal("rate-limit"), retryAfterSeconds: z.number().int().min(0).max(86_400).default(30) }).strict(),
  /** Hold the connection open without answering, then close it (bounded by RULE_TIMEOUT_MAX_SECONDS). */
  z.object({ kind: z.literal("timeout"), seconds: z.number().int().min(1).max(3600) }).strict(),
  /** Close the connection without an answer. */
  z.object({ kind: z.literal("drop") }).strict(),
]);

/** A failure drill: when it fires, the failure is answered instead of the rule's answer. */
export const ruleDrillSchema = z.object({ when, failure }).strict();

export const ruleAnswerSchema = z
  .object({
    status: z.number().int().min(200).max(599).default(200),
    /** Values are templates. */
    headers: z
      .array(headerPairSchema)
      .max(50)
      .default([])
      .refine((pairs) => pairs.every(([name]) => !isReservedAnswerHeader(name)), {
        message: "these headers are set by the server or would act on its origin, and cannot be configured",
      }),
    /** A template; null answers the default body ({"ok":true,"requestId":...}). */
    body: z.string().max(MAX_TEMPLATE_CHARS).nullable().default(null),
    delayMs: z.number().int().min(0).max(30_000).default(0),
    sign: ruleSignSchema.nullable().default(null),
  })
  .strict();

export const ruleSchema = z
  .object({
    /** Assigned when omitted; keeps a stored signing secret across updates. */
    id: ruleId.optional(),
    name: z.string().trim().max(100).default(""),
    enabled: z.boolean().default(true),
    match: ruleMatchSchema.default(ruleMatchSchema.parse({})),
    answer: ruleAnswerSchema.default(ruleAnswerSchema.parse({})),
    drill: ruleDrillSchema.nullable().default(null),
  })
  .strict();

export const rulesSchema = z.array(ruleSchema).max(MAX_RULES_PER_BIN);

export type RuleInput = z.infer<typeof ruleSchema>;
/** A stored rule: its id is always set. */
export type Rule = RuleInput & { id: string };
export type RuleMatch = z.infer<typeof ruleMatchSchema>;
export type RuleAnswer = z.infer<typeof ruleAnswerSchema>;
export type RuleDrill = z.infer<typeof ruleDrillSchema>;

/**
 * What a capture records about its answer (the `answer` field of a captured request): which rule
 * answered (null: the bin's default response) and what was answered. `status` is null when no
 * answer was sent (timeout, drop); `failure` names the drill's failure when one fired.
 */
export interface AnswerRecord {
  ruleId: string | null;
  ruleName: string | null;
  status: number | null;
  failure: "status" | "rate-limit" | "timeout" | "drop" | null;
}
