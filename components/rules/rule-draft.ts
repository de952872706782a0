// The editor's form state for one answer rule: every field as the text the user typed, so that a
// half-typed number or an empty matcher stays on screen until it is validated with the shared schema.
import type { Rule, RuleInput } from "@/lib/rules/schema";

export interface PairDraft {
  name: string;
  /** Empty: the matcher only asks for the name to be present. */
  value: string;
}

export type BodyMatchKind = "none" | "json" | "contains";
export type DrillWhen = "always" | "first" | "percent";
export type DrillFailure = "status" | "rate-limit" | "timeout" | "drop";

export interface SignDraft {
  algorithm: "sha256" | "sha1" | "sha512";
  encoding: "hex" | "base64";
  input: string;
  /** How the server shows the stored secret; null when none is stored yet. */
  maskedSecret: string | null;
  /** A new secret, held only in memory until it is saved; empty keeps the stored one. */
  secret: string;
}

export interface DrillDraft {
  when: DrillWhen;
  count: string;
  percent: string;
  failure: DrillFailure;
  status: string;
  retryAfterSeconds: string;
  seconds: string;
}

export interface RuleDraft {
  /** Identifies the card on screen only. */
  key: string;
  /** The stored rule's id; absent for a rule not saved yet. */
  id: string | undefined;
  name: string;
  enabled: boolean;
  method: string;
  path: string;
  headers: PairDraft[];
  query: PairDraft[];
  bodyMatch: BodyMatchKind;
  bodyPointer: string;
  bodyEquals: string;
  bodyContains: string;
  status: string;
  answerHeaders: PairDraft[];
  /** False: the bin's default body ({"ok":true,"requestId":...}). */
  customBody: boolean;
  body: string;
  delayMs: string;
  sign: SignDraft | null;
  drill: DrillDraft | null;
}

let nextKey = 0;
const newKey = () => `rule-${++nextKey}`;

export const emptyDrill: DrillDraft = {
  when: "first",
  count: "2",
  percent: "50",
  failure: "status",
  status: "500",
  retryAfterSeconds: "30",
  seconds: "10",
};

export const emptySign: SignDraft = { algorithm: "sha256", encoding: "hex", input: "", maskedSecret: null, secret: "" };

export function emptyDraft(): RuleDraft {
  return {
    key: newKey(),
    id: undefined,
    name: "",
    enabled: true,
    method: "",
    path: "",
    headers: [],
    query: [],
    bodyMatch: "none",
    bodyPointer: "",
    bodyEquals: "",
    bodyContains: "",
    status: "200",
    answerHeaders: [],
    customBody: false,
    body: "",
    delayMs: "0",
    sign: null,
    drill: null,
  };
}

const pairsToDraft = (pairs: { name: string; equals: string | null }[]) =>
  pairs.map((p) => ({ name: p.name, value: p.equals ?? "" }));

function drillToDraft(drill: RuleInput["drill"]): DrillDraft | null {
  if (!drill) return null;
  const d = { ...emptyDrill, when: drill.when.kind, failure: drill.failure.kind };
  if (drill.when.kind === "first") d.count = String(drill.when.count);
  if (drill.when.kind === "percent") d.percent = String(drill.when.percent);
  if (drill.failure.kind === "status") d.status = String(drill.failure.status);
  if (drill.failure.kind === "rate-limit") d.retryAfterSeconds = String(drill.failure.retryAfterSeconds);
  if (drill.failure.kind === "timeout") d.seconds = String(drill.failure.seconds);
  return d;
}

/**
 * A stored rule (its secret masked) or a preset's rule (its secret as the user typed it) as form
 * state. The secret goes to memory, never into an input's value.
 */
export function draftFromRule(rule: RuleInput | Rule): RuleDraft {
  const { match, answer } = rule;
  const body = match.body;
  return {
    key: newKey(),
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    method: match.method ?? "",
    path: match.path ?? "",
    headers: pairsToDraft(match.headers),
    query: pairsToDraft(match.query),
    bodyMatch: body?.kind ?? "none",
    bodyPointer: body?.kind === "json" ? body.pointer : "",
    bodyEquals: body?.kind === "json" ? body.equals : "",
    bodyContains: body?.kind === "contains" ? body.text : "",
    status: String(answer.status),
    answerHeaders: answer.headers.map(([name, value]) => ({ name, value })),
    customBody: answer.body !== null,
    body: answer.body ?? "",
    delayMs: String(answer.delayMs),
    sign: answer.sign && {
      algorithm: answer.sign.algorithm,
      encoding: answer.sign.encoding,
      input: answer.sign.input,
      maskedSecret: answer.sign.maskedSecret ?? null,
      secret: answer.sign.secret ?? "",
    },
    drill: drillToDraft(rule.drill),
  };
}

/** A number field: empty leaves the schema's default, anything else must parse. */
const num = (text: string) => (text.trim() === "" ? undefined : Number(text.trim()));
const orNull = (text: string) => (text.trim() === "" ? null : text.trim());
const pairs = (list: PairDraft[]) =>
  list.map((p) => ({ name: p.name.trim(), equals: p.value === "" ? null : p.value }));

function drillInput(d: DrillDraft) {
  const when =
    d.when === "first"
      ? { kind: "first", count: num(d.count) }
      : d.when === "percent"
        ? { kind: "percent", percent: num(d.percent) }
        : { kind: "always" };
  const failure =
    d.failure === "status"
      ? { kind: "status", status: num(d.status) }
      : d.failure === "rate-limit"
        ? { kind: "rate-limit", retryAfterSeconds: num(d.retryAfterSeconds) }
        : d.failure === "timeout"
          ? { kind: "timeout", seconds: num(d.seconds) }
          : { kind: "drop" };
  return { when, failure };
}

/**
 * The rule as the API takes it, before validation. A stored secret is left out so the server keeps
 * it; a new one is sent once, with the save.
 */
export function draftToInput(d: RuleDraft): unknown {
  const body =
    d.bodyMatch === "json"
      ? { kind: "json", pointer: d.bodyPointer.trim(), equals: d.bodyEquals }
      : d.bodyMatch === "contains"
        ? { kind: "contains", text: d.bodyContains }
        : null;
  return {
    ...(d.id ? { id: d.id } : {}),
    name: d.name,
    enabled: d.enabled,
    match: {
      method: orNull(d.method.toUpperCase()),
      path: orNull(d.path),
      headers: pairs(d.headers),
      query: pairs(d.query),
      body,
    },
    answer: {
      status: num(d.status),
      headers: d.answerHeaders.map((p) => [p.name.trim(), p.value]),
      body: d.customBody ? d.body : null,
      delayMs: num(d.delayMs),
      sign: d.sign && {
        algorithm: d.sign.algorithm,
        encoding: d.sign.encoding,
        input: d.sign.input,
        ...(d.sign.secret ? { secret: d.sign.secret } : {}),
      },
    },
    drill: d.drill && drillInput(d.drill),
  };
}

/** One line that says what a rule does, for its folded card. */
export function describeDraft(d: RuleDraft): string {
  const where = `${d.method.trim().toUpperCase() || "any method"} ${d.path.trim() || "any path"}`;
  const extra = d.headers.length + d.query.length + (d.bodyMatch === "none" ? 0 : 1);
  const answer = d.drill ? `${d.status || "200"}, with a failure drill` : d.status || "200";
  return `${where}${extra ? ` + ${extra} more` : ""} → ${answer}`;
}
