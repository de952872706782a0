// How the inspector names the answer a capture got, from its AnswerRecord: the status sent, or
// what happened instead when none was sent, and which rule gave it.
import type { AnswerRecord } from "../rules/schema.ts";

/** "503", "timeout", "dropped"; null when the capture recorded no answer. */
export function answerLabel(answer: AnswerRecord | null): string | null {
  if (!answer) return null;
  if (answer.status !== null) return String(answer.status);
  if (answer.failure === "timeout") return "timeout";
  if (answer.failure === "drop") return "dropped";
  return "no answer";
}

/** Which rule answered: its name (or id when it has none), or the bin's default response. */
export function answerSource(answer: AnswerRecord): string {
  if (answer.ruleId === null) return "the bin's default response";
  return answer.ruleName ? `rule “${answer.ruleName}”` : `rule ${answer.ruleId}`;
}

/** A sentence for a tooltip or a screen reader: "Answered 503 by rule “Fail twice” (failure drill)". */
export function answerDescription(answer: AnswerRecord): string {
  const label = answerLabel(answer);
  const what = answer.status !== null ? `Answered ${label}` : label === "dropped" ? "Dropped" : "Held until timeout";
  return `${what} by ${answerSource(answer)}${answer.failure ? " (failure drill)" : ""}`;
}
