"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/button";
import { PRESETS } from "@/lib/rules/presets";
import type { RuleInput } from "@/lib/rules/schema";
import { Field, inputClass, selectClass } from "./field";

/**
 * Adds a provider's handshake rule. The preset's inputs are read from the form when it is
 * submitted (uncontrolled fields), so a secret typed here is never written back into the page.
 */
export function PresetMenu({ onAdd }: { onAdd(rule: RuleInput): void }) {
  const [presetId, setPresetId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const preset = PRESETS.find((p) => p.id === presetId);

  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!preset) return;
    const data = new FormData(e.currentTarget);
    const values = Object.fromEntries(preset.inputs.map((input) => [input.name, String(data.get(input.name) ?? "")]));
    try {
      onAdd(preset.build(values));
      setPresetId("");
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <Field label="Add from preset" className="max-w-sm">
        {(control) => (
          <select
            {...control}
            value={presetId}
            onChange={(e) => {
              setPresetId(e.target.value);
              setError(null);
            }}
            className={selectClass}
          >
            <option value="">Choose a provider handshake…</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {preset && (
        <form
          key={preset.id}
          onSubmit={add}
          aria-label={`Preset ${preset.label}`}
          className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
        >
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{preset.description}</p>
          {preset.inputs.map((input) => (
            <Field key={input.name} label={`${input.label}${input.required ? "" : " (optional)"}`}>
              {(control) => (
                <input
                  {...control}
                  name={input.name}
                  type={input.secret ? "password" : "text"}
                  autoComplete={input.secret ? "new-password" : "off"}
                  required={input.required}
                  className={inputClass}
                  spellCheck={false}
                />
              )}
            </Field>
          ))}
          {error && (
            <p role="alert" className="text-xs text-rose-800 dark:text-rose-300">
              {error}
            </p>
          )}
          <div className="flex gap-2">
            <Button type="submit" variant="primary">
              Add rule
            </Button>
            <Button onClick={() => setPresetId("")}>Cancel</Button>
          </div>
        </form>
      )}
    </div>
  );
}
