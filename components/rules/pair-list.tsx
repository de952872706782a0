"use client";

import { Button } from "@/components/button";
import { FieldErrors, inputClass } from "./field";
import type { PairDraft } from "./rule-draft";

interface Props {
  /** What one row is, e.g. "Header matcher": rows are labelled "Header matcher 1 name" and so on. */
  noun: string;
  valuePlaceholder: string;
  pairs: PairDraft[];
  errors: string[];
  onChange(pairs: PairDraft[]): void;
}

/** Name/value rows that keep their order, with a button to add one and one to remove each. */
export function PairList({ noun, valuePlaceholder, pairs, errors, onChange }: Props) {
  const update = (index: number, patch: Partial<PairDraft>) =>
    onChange(pairs.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  return (
    <div className="flex flex-col gap-1.5">
      {pairs.map((pair, i) => (
        // Rows have no identity but their position, like the headers they describe.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div key={i} className="flex items-center gap-1.5">
          <input
            aria-label={`${noun} ${i + 1} name`}
            placeholder="Name"
            value={pair.name}
            onChange={(e) => update(i, { name: e.target.value })}
            className={inputClass}
            spellCheck={false}
          />
          <input
            aria-label={`${noun} ${i + 1} value`}
            placeholder={valuePlaceholder}
            value={pair.value}
            onChange={(e) => update(i, { value: e.target.value })}
            className={inputClass}
            spellCheck={false}
          />
          <Button
            aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(pairs.filter((_, j) => j !== i))}
          >
            ×
          </Button>
        </div>
      ))}
      <FieldErrors errors={errors} />
      <div>
        <Button onClick={() => onChange([...pairs, { name: "", value: "" }])}>Add {noun.toLowerCase()}</Button>
      </div>
    </div>
  );
}
