// POST /api/bins/{key}/rules/preview: what the bin's rules (or unsaved ones) would answer to one of
// its stored captures.
import { z } from "zod";
import { parseStoredResponse } from "../bins/response.ts";
import { getBinOrThrow } from "../bins/service.ts";
import type { HeaderPair } from "../capture/headers.ts";
import { getEnv } from "../env.ts";
import { ID_PATTERN } from "../ids.ts";
import { storage } from "../storage/index.ts";
import { previewRules, type RulePreview } from "./preview.ts";
import { RequestView } from "./request-view.ts";
import { rulesSchema } from "./schema.ts";
import { parseStoredRules, prepareRules } from "./stored.ts";

export const previewInputSchema = z
  .object({
    requestId: z.string().regex(ID_PATTERN, "requestId is a captured request's id"),
    /** Rules being edited; the saved ones when omitted. Checked as PATCH checks them; nothing is saved. */
    rules: rulesSchema.optional(),
  })
  .strict();

export type PreviewInput = z.infer<typeof previewInputSchema>;

export async function previewForCapture(key: string, input: PreviewInput): Promise<RulePreview> {
  const bin = await getBinOrThrow(key);
  const timeoutMaxSeconds = getEnv().RULE_TIMEOUT_MAX_SECONDS;
  const saved = parseStoredRules(bin.rules);
  // Unsaved rules sent back without their secrets sign with the saved ones, as they would once saved.
  const rules = input.rules ? prepareRules(input.rules, saved, timeoutMaxSeconds) : saved;
  const row = await storage().getRequest(bin.id, input.requestId);
  const body = await storage().readBody(row.id);
  const view = new RequestView({
    id: row.id,
    method: row.method,
    path: row.path,
    query: row.query,
    rawHeaders: (JSON.parse(row.headers) as HeaderPair[]).flat(),
    body,
  });
  return previewRules(rules, view, {
    attempt: row.attempt,
    fallback: parseStoredResponse(bin.response),
    timeoutMaxSeconds,
  });
}
