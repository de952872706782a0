"use client";

import { Field, inputClass, selectClass } from "./field";
import { PairList } from "./pair-list";
import type { BodyMatchKind, RuleDraft } from "./rule-draft";
import { errorsUnder, type FieldErrors } from "./validate-rules";

interface Props {
  draft: RuleDraft;
  /** Where this rule's messages are, e.g. "0." for the first rule. */
  at: string;
  errors: FieldErrors;
  onChange(patch: Partial<RuleDraft>): void;
}

/** When the rule applies: every matcher given must hold. */
export function MatchFields({ draft, at, errors, onChange }: Props) {
  const err = (path: string) => errorsUnder(errors, `${at}match.${path}`);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">When the request matches</legend>
      <div className="flex flex-wrap gap-2">
        <Field label="Method" errors={err("method")} className="w-28">
          {(control) => (
            <input
              {...control}
              value={draft.method}
              onChange={(e) => onChange({ method: e.target.value })}
              placeholder="any"
              className={inputClass}
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Sub-path (glob)" errors={err("path")} className="min-w-40 flex-1">
          {(control) => (
            <input
              {...control}
              value={draft.path}
              onChange={(e) => onChange({ path: e.target.value })}
              placeholder="any, e.g. /stripe/**"
              className={inputClass}
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <span className="text-xs text-zinc-700 dark:text-zinc-300">Headers (case-insensitive names)</span>
      <PairList
        noun="Header matcher"
        valuePlaceholder="any value"
        pairs={draft.headers}
        errors={err("headers")}
        onChange={(headers) => onChange({ headers })}
      />
      <span className="text-xs text-zinc-700 dark:text-zinc-300">Query parameters</span>
      <PairList
        noun="Query matcher"
        valuePlaceholder="any value"
        pairs={draft.query}
        errors={err("query")}
        onChange={(query) => onChange({ query })}
      />
      <div className="flex flex-wrap gap-2">
        <Field label="Body" className="w-48">
          {(control) => (
            <select
              {...control}
              value={draft.bodyMatch}
              onChange={(e) => onChange({ bodyMatch: e.target.value as BodyMatchKind })}
              className={selectClass}
            >
              <option value="none">any body</option>
              <option value="json">JSON value at a pointer equals</option>
              <option value="contains">contains text</option>
            </select>
          )}
        </Field>
        {draft.bodyMatch === "json" && (
          <>
            <Field label="JSON pointer" errors={err("body.pointer")} className="min-w-32 flex-1">
              {(control) => (
                <input
                  {...control}
                  value={draft.bodyPointer}
                  onChange={(e) => onChange({ bodyPointer: e.target.value })}
                  placeholder="/type"
                  className={inputClass}
                  spellCheck={false}
                />
              )}
            </Field>
            <Field label="Equals" errors={err("body.equals")} className="min-w-32 flex-1">
              {(control) => (
                <input
                  {...control}
                  value={draft.bodyEquals}
                  onChange={(e) => onChange({ bodyEquals: e.target.value })}
                  placeholder="url_verification"
                  className={inputClass}
                  spellCheck={false}
                />
              )}
            </Field>
          </>
        )}
        {draft.bodyMatch === "contains" && (
          <Field label="Text (case-sensitive)" errors={err("body.text")} className="min-w-40 flex-1">
            {(control) => (
              <input
                {...control}
                value={draft.bodyContains}
                onChange={(e) => onChange({ bodyContains: e.target.value })}
                className={inputClass}
                spellCheck={false}
              />
            )}
          </Field>
        )}
      </div>
    </fieldset>
  );
}
