// What a capture answers: the matched rule's answer, its drill's failure when the drill fires, or
// the bin's default response; and the record of it the capture stores.
import type { BinResponse } from "../bins/response.ts";
import { drillFires, type RandomSource } from "./drill.ts";
import type { RequestView } from "./request-view.ts";
import type { AnswerRecord, Rule, RuleDrill } from "./schema.ts";
import { signAnswer } from "./sign.ts";
import { renderTemplate } from "./template.ts";

export interface AnswerAction {
  kind: "answer";
  status: number;
  headers: [string, string][];
  /** null: the default body ({"ok":true,"requestId":...}). */
  body: string | null;
  delayMs: number;
}

export type Action = AnswerAction | { kind: "timeout"; seconds: number } | { kind: "drop" };

export interface Resolution {
  record: AnswerRecord;
  action: Action;
}

export interface ResolveOptions {
  /** The request's delivery attempt of its event; only a fail-first drill reads it. */
  attempt: number;
  random: RandomSource;
  /** The bin's default response, answered when no rule matched. */
  fallback: BinResponse;
  /** RULE_TIMEOUT_MAX_SECONDS: a timeout drill saved under a higher bound holds no longer than this. */
  timeoutMaxSeconds: number;
}

/** Characters a header value may not carry; a filled template could bring them from the request. */
const HEADER_VALUE_UNSAFE = /[^\t\x20-\x7e\x80-\xff]/g;
const MAX_HEADER_VALUE = 8192;

export function resolveAnswer(rule: Rule | null, view: RequestView, options: ResolveOptions): Resolution {
  if (!rule) {
    const { status, headers, body, delayMs } = options.fallback;
    return {
      record: { ruleId: null, ruleName: null, status, failure: null },
      action: { kind: "answer", status, headers, body, delayMs },
    };
  }
  const record = (status: number | null, failure: AnswerRecord["failure"]): AnswerRecord => ({
    ruleId: rule.id,
    ruleName: rule.name || null,
    status,
    failure,
  });
  if (rule.drill && drillFires(rule.drill, options.attempt, options.random)) {
    const action = failureAction(rule.drill.failure, view.request.id, options.timeoutMaxSeconds);
    return { record: record(action.kind === "answer" ? action.status : null, rule.drill.failure.kind), action };
  }
  const action = renderAnswer(rule, view);
  return { record: record(action.status, null), action };
}

/** The rule's own answer, its templates filled from the request. */
export function renderAnswer(rule: Rule, view: RequestView): AnswerAction {
  const { answer } = rule;
  const extras = answer.sign ? { signature: signAnswer(answer.sign, view) } : {};
  const headers = answer.headers.map(([name, value]): [string, string] => [
    name,
    renderTemplate(value, view, extras).replace(HEADER_VALUE_UNSAFE, "").slice(0, MAX_HEADER_VALUE),
  ]);
  const body = answer.body === null ? null : renderTemplate(answer.body, view, extras);
  return { kind: "answer", status: answer.status, headers, body, delayMs: answer.delayMs };
}

export function failureAction(failure: RuleDrill["failure"], requestId: string, timeoutMaxSeconds: number): Action {
  switch (failure.kind) {
    case "status":
      return failureAnswer(failure.status, [], requestId);
    case "rate-limit":
      return failureAnswer(429, [["Retry-After", String(failure.retryAfterSeconds)]], requestId);
    case "timeout":
      return { kind: "timeout", seconds: Math.min(failure.seconds, timeoutMaxSeconds) };
    case "drop":
      return { kind: "drop" };
  }
}

/** A drill's failure answer says what it is, so nobody mistakes it for a fault of the server. */
function failureAnswer(status: number, headers: [string, string][], requestId: string): AnswerAction {
  const body = JSON.stringify({ ok: false, requestId, drill: "failed on purpose by an answer rule" });
  return { kind: "answer", status, headers: [...headers, ["Content-Type", "application/json"]], body, delayMs: 0 };
}
