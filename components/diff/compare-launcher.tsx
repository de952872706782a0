"use client";

import { useState } from "react";
import { Button } from "@/components/button";
import { CompareForm } from "./compare-form";

/** "Compare…" on a request's detail: opens a small form that picks the request to compare with. */
export function CompareLauncher({ api, id, attempt }: { api: string; id: string; attempt: number }) {
  // Open for one request: selecting another request closes it.
  const [openFor, setOpenFor] = useState<string | null>(null);
  const open = openFor === id;
  return (
    <span className="relative">
      <Button onClick={() => setOpenFor(open ? null : id)} aria-expanded={open}>
        Compare…
      </Button>
      {open && (
        // On a phone the button may sit anywhere in a wrapped row: the form is a sheet at the bottom instead.
        <div className="fixed inset-x-3 bottom-3 z-20 rounded-md border border-zinc-300 bg-white p-3 shadow-lg md:absolute md:inset-x-auto md:right-0 md:bottom-auto md:top-full md:mt-2 md:w-96 dark:border-zinc-700 dark:bg-zinc-950">
          <CompareForm api={api} id={id} attempt={attempt} onCancel={() => setOpenFor(null)} />
        </div>
      )}
    </span>
  );
}
