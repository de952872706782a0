"use client";

import { Field, NumberField, selectClass } from "./field";
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
          <NumberField
            label="Deliveries to fail"
            errors={err("when.count")}
            className="w-36"
            value={drill.count}
            onChange={(count) => update({ count })}
          />
        )}
        {drill?.when === "percent" && (
          <NumberField
            label="Percent of requests"
            errors={err("when.percent")}
            className="w-36"
            decimal
            value={drill.percent}
            onChange={(percent) => update({ percent })}
          />
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
            <NumberField
              label="Error status"
              errors={err("failure.status")}
              className="w-28"
              value={drill.status}
              onChange={(status) => update({ status })}
            />
          )}
          {drill.failure === "rate-limit" && (
            <NumberField
              label="Retry-After (s)"
              errors={err("failure.retryAfterSeconds")}
              className="w-32"
              value={drill.retryAfterSeconds}
              onChange={(retryAfterSeconds) => update({ retryAfterSeconds })}
            />
          )}
          {drill.failure === "timeout" && (
            <NumberField
              label="Hold open for (s)"
              errors={err("failure.seconds")}
              className="w-32"
              value={drill.seconds}
              onChange={(seconds) => update({ seconds })}
            />
          )}
        </div>
      )}
    </fieldset>
  );
}
