"use client";

import { useState } from "react";
import { Button } from "@/components/button";
import { PairsTable } from "@/components/pairs-table";
import type { RequestSummary } from "@/lib/requests/types";
import type { RuleInput } from "@/lib/rules/schema";
import { Field, selectClass } from "./field";
import { previewRules, type RulesPreview } from "./preview-rules";

interface Props {
  binKey: string;
  /** The request open in the inspector, previewed unless another is chosen. */
  selectedId: string | null;
  recent: RequestSummary[];
  /** The rules as edited, or null when they do not validate (their fields then show why). */
  currentRules(): RuleInput[] | null;
}

const RECENT_SHOWN = 20;
const MAX_LABEL = 80;

function optionLabel(r: RequestSummary) {
  const target = `${r.method} ${r.path}${r.query ? `?${r.query}` : ""}`;
  return `#${r.seq} ${target.length > MAX_LABEL ? `${target.slice(0, MAX_LABEL)}…` : target}`;
}

const FAILURES: Record<NonNullable<RulesPreview["failure"]>, string> = {
  status: "its failure drill fires: it answers the error status below",
  "rate-limit": "its failure drill fires: it answers 429 with Retry-After",
  timeout: "its failure drill fires: it holds the connection open without answering, then closes it",
  drop: "its failure drill fires: it closes the connection without an answer",
};

/** What the edited rules, saved or not, would answer to a captured request, shown as text. */
export function RulesPreviewPanel({ binKey, selectedId, recent, currentRules }: Props) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [state, setState] = useState<
    { kind: "idle" | "loading" } | { kind: "done"; preview: RulesPreview } | { kind: "failed"; message: string }
  >({ kind: "idle" });
  const options = recent.slice(0, RECENT_SHOWN);
  const requestId = chosen ?? selectedId ?? options[0]?.id ?? null;

  const run = async () => {
    const rules = currentRules();
    if (!requestId || !rules) return;
    setState({ kind: "loading" });
    try {
      setState({ kind: "done", preview: await previewRules(binKey, requestId, rules) });
    } catch (err) {
      setState({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section
      aria-label="Rules preview"
      className="flex flex-col gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
    >
      <h3 className="text-sm font-semibold">What would these rules answer?</h3>
      {requestId === null ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Capture a request first, then preview the answer to it.
        </p>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <Field label="To the captured request" className="min-w-48 flex-1">
            {(control) => (
              <select
                {...control}
                value={requestId}
                onChange={(e) => setChosen(e.target.value)}
                className={selectClass}
              >
                {selectedId && !options.some((r) => r.id === selectedId) && (
                  <option value={selectedId}>the request open in the inspector</option>
                )}
                {options.map((r) => (
                  <option key={r.id} value={r.id}>
                    {optionLabel(r)}
                    {r.id === selectedId ? " (open)" : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button onClick={() => void run()} disabled={state.kind === "loading"}>
            {state.kind === "loading" ? "Previewing…" : "Preview"}
          </Button>
        </div>
      )}
      {state.kind === "failed" && (
        <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
          {state.message}
        </p>
      )}
      {state.kind === "done" && <PreviewResult preview={state.preview} />}
    </section>
  );
}

function PreviewResult({ preview }: { preview: RulesPreview }) {
  const { rule, answer, failure, attempt } = preview;
  return (
    <div data-testid="rules-preview-result" className="flex flex-col gap-2 text-sm">
      <p>
        {rule ? (
          <>
            Answered by the rule <strong>{rule.name || "(unnamed)"}</strong>
          </>
        ) : (
          "No rule matches: the bin's default response answers"
        )}
        {failure ? `; ${FAILURES[failure]}.` : "."} This request would count as delivery {attempt} of its event.
      </p>
      {answer && (
        <>
          <p className="font-mono">
            Status <span data-testid="preview-status">{answer.status}</span>
            {answer.delayMs > 0 ? `, after ${answer.delayMs} ms` : ""}
          </p>
          {answer.headers.length > 0 && (
            <PairsTable caption="Answer headers" rows={answer.headers.map(([name, value]) => ({ name, value }))} />
          )}
          <pre
            data-testid="preview-body"
            className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800"
          >
            {answer.body}
          </pre>
        </>
      )}
    </div>
  );
}
