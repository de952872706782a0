// What rules would answer to a stored capture, for the settings panel: the same matching and
// rendering as the capture path, except that a percent drill reports its chance instead of
// rolling dice.
import { type BinResponse, defaultAnswerBody } from "../bins/response.ts";
import { findRule } from "./match.ts";
import type { RequestView } from "./request-view.ts";
import { type Action, resolveAnswer } from "./resolve.ts";
import type { AnswerRecord, Rule } from "./schema.ts";

export interface RulePreview {
  rule: { id: string; name: string } | null;
  answer: { status: number; headers: [string, string][]; body: string; delayMs: number } | null;
  failure: AnswerRecord["failure"];
  /** The capture's delivery attempt of its event, as a fail-first drill counts it. */
  attempt: number;
  /** For a percent drill: the chance, in percent, that it fails a request instead of this answer. */
  chance?: number;
}

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
