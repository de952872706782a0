// Rules as the bin stores them (JSON in its `rules` column) and as the API shows them: with the
// signing secrets, and with each secret masked.
import { randomBytes } from "node:crypto";
import { ApiError } from "../errors.ts";
import { maskSecret } from "../mask-secret.ts";
import { compilePathGlob } from "../wait/path-glob.ts";
import { type Rule, type RuleInput, rulesSchema } from "./schema.ts";
import { parseTemplate, TemplateError } from "./template.ts";

/** Parses a stored rules column; anything unreadable counts as no rules (the default response answers). */
export function parseStoredRules(json: string): Rule[] {
  try {
    const parsed = rulesSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return [];
    return parsed.data.filter((rule): rule is Rule => rule.id !== undefined);
  } catch {
    return [];
  }
}

/** The rules as the bin JSON shows them: no secret, only its mask. */
export function publicRules(rules: readonly Rule[]): Rule[] {
  return rules.map((rule) => {
    if (!rule.answer.sign) return rule;
    const { secret, maskedSecret: _, ...sign } = rule.answer.sign;
    return { ...rule, answer: { ...rule.answer, sign: { ...sign, maskedSecret: secret ? maskSecret(secret) : "" } } };
  });
}

const invalid = (index: number, message: string) =>
  new ApiError("validation_failed", `Invalid request body: rules.${index}: ${message}`);

/**
 * Makes the rules a bin will store from the ones sent (already checked against the schema): each
 * gets an id when it has none, keeps the stored secret of its id when it sends none, and is
 * refused when a template does not parse, a path is not a glob the matcher takes, or a timeout
 * drill holds longer than `timeoutMaxSeconds`.
 */
export function prepareRules(sent: readonly RuleInput[], stored: readonly Rule[], timeoutMaxSeconds: number): Rule[] {
  const storedSecrets = new Map(stored.map((rule) => [rule.id, rule.answer.sign?.secret]));
  const ids = new Set<string>();
  return sent.map((input, index) => {
    const id = input.id ?? newRuleId();
    if (ids.has(id)) throw invalid(index, `the id "${id}" is used by another rule`);
    ids.add(id);
    checkRule(input, index, timeoutMaxSeconds);
    if (!input.answer.sign) return { ...input, id };
    const { maskedSecret: _, ...sign } = input.answer.sign;
    const secret = sign.secret ?? storedSecrets.get(id);
    if (!secret) throw invalid(index, "answer.sign needs a secret (none is stored for this rule id)");
    return { ...input, id, answer: { ...input.answer, sign: { ...sign, secret } } };
  });
}

function checkRule(rule: RuleInput, index: number, timeoutMaxSeconds: number): void {
  if (rule.match.path !== null) {
    try {
      compilePathGlob(rule.match.path);
    } catch (err) {
      throw invalid(index, `match.path: ${err instanceof Error ? err.message : "not a glob"}`);
    }
  }
  const templates: [string, string][] = [];
  if (rule.answer.body !== null) templates.push(["answer.body", rule.answer.body]);
  for (const [name, value] of rule.answer.headers) templates.push([`answer.headers (${name})`, value]);
  if (rule.answer.sign) templates.push(["answer.sign.input", rule.answer.sign.input]);
  for (const [where, template] of templates) {
    try {
      parseTemplate(template);
    } catch (err) {
      if (err instanceof TemplateError) throw invalid(index, `${where}: ${err.message}`);
      throw err;
    }
  }
  const failure = rule.drill?.failure;
  if (failure?.kind === "timeout" && failure.seconds > timeoutMaxSeconds) {
    throw invalid(
      index,
      `drill.failure.seconds: a timeout drill holds at most ${timeoutMaxSeconds} s on this server (RULE_TIMEOUT_MAX_SECONDS)`,
    );
  }
}

function newRuleId(): string {
  return randomBytes(9).toString("base64url");
}
