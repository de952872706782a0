// Checks the editor's rules with the schema the API uses, so a mistake is shown beside its field
// before anything is sent.
import { type RuleInput, rulesSchema } from "@/lib/rules/schema";
import { draftToInput, type RuleDraft } from "./rule-draft";

/** Messages keyed by the field's path inside the list, e.g. "0.answer.status". */
export type FieldErrors = ReadonlyMap<string, string[]>;

export type Validation = { ok: true; rules: RuleInput[] } | { ok: false; errors: FieldErrors };

function add(errors: Map<string, string[]>, path: string, message: string) {
  errors.set(path, [...(errors.get(path) ?? []), message]);
}

export function validateDrafts(drafts: RuleDraft[]): Validation {
  const errors = new Map<string, string[]>();
  // The schema allows a missing secret (an update keeps the stored one), but a rule that has
  // none stored cannot sign without it.
  drafts.forEach((d, i) => {
    if (d.sign && !d.sign.maskedSecret && !d.sign.secret) {
      add(errors, `${i}.answer.sign.secret`, "Enter the secret to sign with.");
    }
  });
  const parsed = rulesSchema.safeParse(drafts.map(draftToInput));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(errors, issue.path.join("."), issue.message);
  }
  if (errors.size > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, rules: parsed.data };
}

/** The messages at a path and below it (a pair list shows those of its rows too). */
export function errorsUnder(errors: FieldErrors, path: string): string[] {
  const found: string[] = [];
  for (const [at, messages] of errors) {
    if (at === path || at.startsWith(`${path}.`)) found.push(...messages);
  }
  return found;
}
