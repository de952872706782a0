"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import type { RequestRecord } from "@/lib/requests/types";
import { type SnippetOptions, toSnippet } from "@/lib/snippets/snippet";
import { SNIPPET_TARGETS } from "@/lib/snippets/targets";

/** "Copy as…": the request as code in one of several languages, each copied as it is chosen. */
export function CopyAsMenu({ record, options }: { record: RequestRecord; options: SnippetOptions }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", closeOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("pointerdown", closeOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <Button aria-expanded={open} aria-controls="copy-as-targets" onClick={() => setOpen((o) => !o)}>
        Copy as…
      </Button>
      {open && (
        <div
          id="copy-as-targets"
          className="absolute right-0 z-10 mt-2 flex w-56 flex-col gap-1.5 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          {SNIPPET_TARGETS.map((target) => (
            <CopyButton
              key={target.id}
              text={() => toSnippet(target.id, record, options)}
              label={`Copy as ${target.label}`}
            >
              {target.label}
            </CopyButton>
          ))}
        </div>
      )}
    </div>
  );
}
