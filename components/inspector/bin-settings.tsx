"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/button";
import type { BinJson } from "@/lib/bins/types";
import { fetchJson } from "@/lib/swr/fetcher";

const field =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** The bin's name and automatic forwarding target, saved with PATCH /api/bins/{key}. */
export function BinSettings({ bin, onSaved }: { bin: BinJson; onSaved(bin: BinJson): void }) {
  const [name, setName] = useState(bin.name ?? "");
  const [forwardUrl, setForwardUrl] = useState(bin.forwardUrl ?? "");
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "failed"; message: string }>({
    kind: "idle",
  });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setState({ kind: "saving" });
    try {
      const saved = await fetchJson<BinJson>(`/api/bins/${bin.key}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: name.trim() || null, forwardUrl: forwardUrl.trim() || null }),
      });
      onSaved(saved);
      setState({ kind: "saved" });
    } catch (err) {
      setState({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <form onSubmit={save} aria-label="Bin settings" className="flex flex-col gap-3">
      <label className="flex flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300">
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} className={field} />
      </label>
      <label className="flex flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300">
        Forward every new request to
        <input
          type="url"
          value={forwardUrl}
          onChange={(e) => setForwardUrl(e.target.value)}
          placeholder="http://localhost:4000/webhook"
          className={field}
        />
      </label>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Leave empty for no forwarding. Forwarded requests go out byte-exact in the background; each attempt shows in the
        request's resend history.
      </p>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={state.kind === "saving"}>
          {state.kind === "saving" ? "Saving…" : "Save"}
        </Button>
        <span role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
          {state.kind === "saved" ? "Saved" : state.kind === "failed" ? state.message : ""}
        </span>
      </div>
    </form>
  );
}
