"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/button";
import type { BinJson } from "@/lib/bins/types";
import type { RequestSummary } from "@/lib/requests/types";
import { RulesEditor } from "./rules-editor";

interface Props {
  bin: BinJson;
  /** The request open in the inspector, for the preview. */
  selectedId: string | null;
  recent: RequestSummary[];
  onSaved(bin: BinJson): void;
}

/**
 * The settings panel's "Answer rules" entry: how many rules there are, and the editor in a modal
 * dialog wide enough for them. The editor stays mounted while the dialog is closed, so unsaved
 * edits survive closing it.
 */
export function AnswerRules({ bin, selectedId, recent, onSaved }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const enabled = bin.rules.filter((r) => r.enabled).length;
  return (
    <section
      aria-label="Answer rules"
      className="flex flex-col gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
    >
      <div className="flex items-center gap-2">
        <p className="flex-1 text-xs text-zinc-600 dark:text-zinc-400">
          {bin.rules.length === 0
            ? "Answer rules: none. Every capture gets the default response."
            : `Answer rules: ${bin.rules.length}, ${enabled} enabled. The first that matches answers.`}
        </p>
        <Button onClick={() => setOpen(true)}>Edit answer rules</Button>
      </div>
      <dialog
        ref={ref}
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
        aria-labelledby={titleId}
        className="m-0 h-dvh max-h-none w-full max-w-none overflow-y-auto bg-white text-zinc-900 backdrop:bg-black/40 sm:m-auto sm:h-auto sm:max-h-[90dvh] sm:w-[min(60rem,95vw)] sm:rounded-xl sm:border sm:border-zinc-200 sm:shadow-xl dark:bg-zinc-900 dark:text-zinc-100 sm:dark:border-zinc-800"
      >
        <div className="sticky top-0 z-10 flex items-center gap-2 border-b border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id={titleId} className="flex-1 text-lg font-semibold">
            Answer rules
          </h2>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </div>
        <div className="p-4">
          <RulesEditor binKey={bin.key} rules={bin.rules} selectedId={selectedId} recent={recent} onSaved={onSaved} />
        </div>
      </dialog>
    </section>
  );
}
