// What rules would answer to a stored capture, for the settings panel: the same matching and
// rendering as the capture path, except that a percent drill reports its chance instead of
// rolling dice.
import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";
import { type BinResponse, defaultAnswerBody } from "../bins/response.ts";
import { findRule } from "./match.ts";
import type { RequestView } from "./request-view.ts";
import { type Action, resolveAnswer } from "./resolve.ts";
import { type AnswerRecord, answerRecordSchema, type Rule } from "./schema.ts";

export interface RulePreview {
  rule: { id: string; name: string } | null;
  answer: { status: number; headers: [string, string][]; body: string; delayMs: number } | null;
  failure: AnswerRecord["failure"];
  /** The capture's delivery attempt of its event, as a fail-first drill counts it. */
  attempt: number;
  /** For a percent drill: the chance, in percent, that it fails a request instead of this answer. */
  chance?: number;
}

export const rulePreviewSchema = z.strictObject({
  rule: z.strictObject({ id: z.string(), name: z.string() }).nullable().describe("The rule that matched; null: none."),
  answer: z
    .strictObject({
      status: z.number().int(),
      headers: z.array(z.tuple([z.string(), z.string()])),
      body: z.string(),
      delayMs: z.number().int().min(0),
    })
    .nullable()
    .describe("What would be answered; null when a drill would time out or drop the connection."),
  failure: answerRecordSchema.shape.failure,
  attempt: z
    .number()
    .int()
    .min(1)
    .describe("The capture's delivery attempt of its event, as a fail-first drill counts it."),
  chance: z
    .number()
    .optional()
    .describe("For a percent drill: the chance, in percent, that it fails a request instead of this answer."),
});

export type RulePreviewMatchesSchema = Holds<SameShape<RulePreview, z.infer<typeof rulePreviewSchema>>>;

export function previewRules(
  rules: readonly Rule[],
  view: RequestView,
  options: { attempt: number; fallback: BinResponse; timeoutMaxSeconds: number },
): RulePreview {
  const rule = rules.length > 0 ? findRule(rules, view) : null;
  const percent = rule?.drill?.when.kind === "percent" ? rule.drill.when.percent : undefined;
  // The dice say "no failure" so the answer shown is the one given when the drill does not fire.
  const { record, action } = resolveAnswer(rule, view, { ...options, random: () => 1 });
  return {
    rule: rule ? { id: rule.id, name: rule.name } : null,
    answer: shownAnswer(action, view.request.id),
    failure: record.failure,
    attempt: options.attempt,
    ...(percent === undefined ? {} : { chance: percent }),
  };
}

function shownAnswer(action: Action, requestId: string): RulePreview["answer"] {
  if (action.kind !== "answer") return null;
  const { status, headers, body, delayMs } = action;
  return { status, headers, body: body ?? defaultAnswerBody(requestId), delayMs };
}
