"use client";

import { Field, inputClass, NumberField } from "./field";
import { PairList } from "./pair-list";
import type { RuleDraft } from "./rule-draft";
import { errorsUnder, type FieldErrors } from "./validate-rules";

interface Props {
  draft: RuleDraft;
  at: string;
  errors: FieldErrors;
  onChange(patch: Partial<RuleDraft>): void;
}

/** What the rule answers: status, headers and body (values and body are templates), after a delay. */
export function AnswerFields({ draft, at, errors, onChange }: Props) {
  const err = (path: string) => errorsUnder(errors, `${at}answer.${path}`);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">Answer</legend>
      <div className="flex flex-wrap gap-2">
        <NumberField
          label="Status"
          errors={err("status")}
          className="w-24"
          value={draft.status}
          onChange={(status) => onChange({ status })}
        />
        <NumberField
          label="Delay (ms)"
          errors={err("delayMs")}
          className="w-28"
          value={draft.delayMs}
          onChange={(delayMs) => onChange({ delayMs })}
        />
      </div>
      <span className="text-xs text-zinc-700 dark:text-zinc-300">Headers (values are templates)</span>
      <PairList
        noun="Answer header"
        valuePlaceholder="value"
        pairs={draft.answerHeaders}
        errors={err("headers")}
        onChange={(answerHeaders) => onChange({ answerHeaders })}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={draft.customBody}
          onChange={(e) => onChange({ customBody: e.target.checked })}
        />
        Answer a body of my own (otherwise the default JSON with the request id)
      </label>
      {draft.customBody && (
        <Field label="Body template" errors={err("body")}>
          {(control) => (
            <textarea
              {...control}
              value={draft.body}
              onChange={(e) => onChange({ body: e.target.value })}
              rows={4}
              placeholder="{{query.hub.challenge}}"
              className={inputClass}
              spellCheck={false}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}
