"use client";

import { Button } from "@/components/button";
import { AnswerFields } from "./answer-fields";
import { DrillFields } from "./drill-fields";
import { FieldErrors, inputClass } from "./field";
import { MatchFields } from "./match-fields";
import { describeDraft, type RuleDraft } from "./rule-draft";
import { SignFields } from "./sign-fields";
import { type FieldErrors as Errors, errorsUnder } from "./validate-rules";

interface Props {
  draft: RuleDraft;
  index: number;
  count: number;
  errors: Errors;
  expanded: boolean;
  onToggle(): void;
  onChange(patch: Partial<RuleDraft>): void;
  onMove(by: -1 | 1): void;
  onDelete(): void;
}

/** One rule: its place in the list, on/off and name always shown; its fields when unfolded. */
export function RuleCard({ draft, index, count, errors, expanded, onToggle, onChange, onMove, onDelete }: Props) {
  const label = `Rule ${index + 1}`;
  const at = `${index}.`;
  const problems = errorsUnder(errors, String(index));
  return (
    <section
      aria-label={label}
      className={`flex flex-col gap-3 rounded-lg border p-3 ${
        problems.length > 0 ? "border-rose-400 dark:border-rose-700" : "border-zinc-200 dark:border-zinc-800"
      } ${draft.enabled ? "" : "opacity-70"}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="w-6 shrink-0 text-sm font-semibold text-zinc-600 dark:text-zinc-400">{index + 1}.</span>
        <input
          aria-label={`${label} name`}
          value={draft.name}
          onChange={(e) => onChange({ name: e.target.value })}
          placeholder="Name"
          maxLength={100}
          className={`${inputClass} min-w-32 flex-1 basis-40 font-sans`}
        />
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
          Enabled
        </label>
        <div className="flex gap-1">
          <Button aria-label={`Move ${label.toLowerCase()} up`} onClick={() => onMove(-1)} disabled={index === 0}>
            ↑
          </Button>
          <Button
            aria-label={`Move ${label.toLowerCase()} down`}
            onClick={() => onMove(1)}
            disabled={index === count - 1}
          >
            ↓
          </Button>
          <Button aria-expanded={expanded} onClick={onToggle}>
            {expanded ? "Fold" : "Edit"}
          </Button>
          <Button variant="danger" aria-label={`Delete ${label.toLowerCase()}`} onClick={onDelete}>
            Delete
          </Button>
        </div>
      </div>
      <FieldErrors errors={[at.slice(0, -1), `${at}name`].flatMap((path) => errors.get(path) ?? [])} />
      {!expanded && <p className="font-mono text-xs text-zinc-700 dark:text-zinc-300">{describeDraft(draft)}</p>}
      {!expanded && problems.length > 0 && (
        <p className="text-xs text-rose-800 dark:text-rose-300">
          {problems.length === 1 ? "1 problem" : `${problems.length} problems`}: unfold to see.
        </p>
      )}
      {expanded && (
        <div className="grid gap-4 md:grid-cols-2">
          <MatchFields draft={draft} at={at} errors={errors} onChange={onChange} />
          <AnswerFields draft={draft} at={at} errors={errors} onChange={onChange} />
          <SignFields draft={draft} at={at} errors={errors} onChange={onChange} />
          <DrillFields draft={draft} at={at} errors={errors} onChange={onChange} />
        </div>
      )}
    </section>
  );
}
