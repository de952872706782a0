"use client";

import { Field, inputClass, selectClass } from "./field";
import { type DrillDraft, type DrillFailure, type DrillWhen, emptyDrill, type RuleDraft } from "./rule-draft";
import { errorsUnder, type FieldErrors } from "./validate-rules";

interface Props {
  draft: RuleDraft;
  at: string;
  errors: FieldErrors;
  onChange(patch: Partial<RuleDraft>): void;
}

/** A failure answered instead of the rule's answer, so that a sender's retries can be watched. */
export function DrillFields({ draft, at, errors, onChange }: Props) {
  const drill = draft.drill;
  const err = (path: string) => errorsUnder(errors, `${at}drill.${path}`);
  const update = (patch: Partial<DrillDraft>) => drill && onChange({ drill: { ...drill, ...patch } });
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">Failure drill</legend>
      <div className="flex flex-wrap gap-2">
        <Field label="Fail" className="w-64">
          {(control) => (
            <select
              {...control}
              value={drill?.when ?? "never"}
              onChange={(e) => {
                const when = e.target.value;
                if (when === "never") onChange({ drill: null });
                else onChange({ drill: { ...(drill ?? emptyDrill), when: when as DrillWhen } });
              }}
              className={selectClass}
            >
              <option value="never">never</option>
              <option value="first">the first N deliveries of each event</option>
              <option value="percent">a percentage of requests</option>
              <option value="always">always</option>
            </select>
          )}
        </Field>
        {drill?.when === "first" && (
          <Field label="Deliveries to fail" errors={err("when.count")} className="w-36">
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                value={drill.count}
                onChange={(e) => update({ count: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
        )}
        {drill?.when === "percent" && (
          <Field label="Percent of requests" errors={err("when.percent")} className="w-36">
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                value={drill.percent}
                onChange={(e) => update({ percent: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
        )}
      </div>
      {drill && (
        <div className="flex flex-wrap gap-2">
          <Field label="Failure" className="w-64">
            {(control) => (
              <select
                {...control}
                value={drill.failure}
                onChange={(e) => update({ failure: e.target.value as DrillFailure })}
                className={selectClass}
              >
                <option value="status">an error status</option>
                <option value="rate-limit">429 with Retry-After</option>
                <option value="timeout">no answer until a timeout</option>
                <option value="drop">dropping the connection</option>
              </select>
            )}
          </Field>
          {drill.failure === "status" && (
            <Field label="Error status" errors={err("failure.status")} className="w-28">
              {(control) => (
                <input
                  {...control}
                  inputMode="numeric"
                  value={drill.status}
                  onChange={(e) => update({ status: e.target.value })}
                  className={inputClass}
                />
              )}
            </Field>
          )}
          {drill.failure === "rate-limit" && (
            <Field label="Retry-After (s)" errors={err("failure.retryAfterSeconds")} className="w-32">
              {(control) => (
                <input
                  {...control}
                  inputMode="numeric"
                  value={drill.retryAfterSeconds}
                  onChange={(e) => update({ retryAfterSeconds: e.target.value })}
                  className={inputClass}
                />
              )}
            </Field>
          )}
          {drill.failure === "timeout" && (
            <Field label="Hold open for (s)" errors={err("failure.seconds")} className="w-32">
              {(control) => (
                <input
                  {...control}
                  inputMode="numeric"
                  value={drill.seconds}
                  onChange={(e) => update({ seconds: e.target.value })}
                  className={inputClass}
                />
              )}
            </Field>
          )}
        </div>
      )}
    </fieldset>
  );
}
