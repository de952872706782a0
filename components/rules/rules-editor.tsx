"use client";

import { useState } from "react";
import { Button } from "@/components/button";
import type { BinJson } from "@/lib/bins/types";
import type { RequestSummary } from "@/lib/requests/types";
import { MAX_RULES_PER_BIN, type Rule, type RuleInput } from "@/lib/rules/schema";
import { PresetMenu } from "./preset-menu";
import { RuleCard } from "./rule-card";
import { draftFromRule, emptyDraft, type RuleDraft } from "./rule-draft";
import { RulesPreviewPanel } from "./rules-preview";
import { saveRules } from "./save-rules";
import { TemplateHelp } from "./template-help";
import { type FieldErrors, validateDrafts } from "./validate-rules";

interface Props {
  binKey: string;
  /** The saved rules, their secrets masked. */
  rules: Rule[];
  selectedId: string | null;
  recent: RequestSummary[];
  onSaved(bin: BinJson): void;
}

type SaveState = { kind: "idle" | "saving" | "saved" | "invalid" } | { kind: "failed"; message: string };

const NO_ERRORS: FieldErrors = new Map();

/**
 * The bin's answer rules as an ordered list, edited in memory and saved whole: the first enabled
 * rule that matches a capture answers it, else the bin's default response does.
 */
export function RulesEditor({ binKey, rules, selectedId, recent, onSaved }: Props) {
  const [drafts, setDrafts] = useState(() => rules.map(draftFromRule));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [dirty, setDirty] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });

  const edit = (next: RuleDraft[]) => {
    setDrafts(next);
    setDirty(true);
    setSave({ kind: "idle" });
  };
  /** Messages are kept by position: once rules move, they would point at the wrong ones. */
  const reorder = (next: RuleDraft[]) => {
    edit(next);
    setErrors(NO_ERRORS);
  };
  const append = (draft: RuleDraft) => {
    edit([...drafts, draft]);
    setExpanded((current) => new Set(current).add(draft.key));
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...drafts];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(index + by, 0, moved);
    reorder(next);
  };
  const toggle = (key: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const reset = (saved: Rule[]) => {
    setDrafts(saved.map(draftFromRule));
    setExpanded(new Set());
    setErrors(NO_ERRORS);
    setDirty(false);
  };

  /** The edited list, validated; on a mistake, every rule with one is unfolded to show it. */
  const currentRules = (): RuleInput[] | null => {
    const result = validateDrafts(drafts);
    if (result.ok) {
      setErrors(NO_ERRORS);
      return result.rules;
    }
    setErrors(result.errors);
    const wrong = drafts.filter((_, i) => [...result.errors.keys()].some((path) => path.split(".")[0] === String(i)));
    setExpanded((current) => new Set([...current, ...wrong.map((d) => d.key)]));
    return null;
  };

  const submit = async () => {
    const valid = currentRules();
    if (!valid) {
      setSave({ kind: "invalid" });
      return;
    }
    setSave({ kind: "saving" });
    try {
      const bin = await saveRules(binKey, valid);
      onSaved(bin);
      reset(bin.rules);
      setSave({ kind: "saved" });
    } catch (err) {
      setSave({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    }
  };

  const full = drafts.length >= MAX_RULES_PER_BIN;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        The first enabled rule that matches a capture answers it; when none does, the bin's default response answers.
      </p>
      <TemplateHelp />
      {drafts.length === 0 && <p className="text-sm text-zinc-700 dark:text-zinc-300">No rules yet.</p>}
      <ol className="flex flex-col gap-3" aria-label="Answer rules, in order">
        {drafts.map((draft, i) => (
          <li key={draft.key}>
            <RuleCard
              draft={draft}
              index={i}
              count={drafts.length}
              errors={errors}
              expanded={expanded.has(draft.key)}
              onToggle={() => toggle(draft.key)}
              onChange={(patch) => edit(drafts.map((d) => (d.key === draft.key ? { ...d, ...patch } : d)))}
              onMove={(by) => move(i, by)}
              onDelete={() => reorder(drafts.filter((d) => d.key !== draft.key))}
            />
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-end gap-3">
        <Button onClick={() => append(emptyDraft())} disabled={full}>
          Add rule
        </Button>
        {!full && <PresetMenu onAdd={(rule) => append(draftFromRule(rule))} />}
      </div>
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-zinc-200 bg-white py-2 dark:border-zinc-800 dark:bg-zinc-900">
        <Button variant="primary" onClick={() => void submit()} disabled={save.kind === "saving"}>
          {save.kind === "saving" ? "Saving…" : "Save rules"}
        </Button>
        <Button onClick={() => reset(rules)} disabled={!dirty}>
          Discard changes
        </Button>
        <SaveStatus state={save} dirty={dirty} />
      </div>
      <RulesPreviewPanel binKey={binKey} selectedId={selectedId} recent={recent} currentRules={currentRules} />
    </div>
  );
}

function SaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  if (state.kind === "failed" || state.kind === "invalid") {
    return (
      <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
        {state.kind === "failed" ? state.message : "Some rules need fixing: see the messages beside their fields."}
      </p>
    );
  }
  return (
    <span role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
      {state.kind === "saved" ? "Saved" : dirty ? "Unsaved changes" : ""}
    </span>
  );
}
