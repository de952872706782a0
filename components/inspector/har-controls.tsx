"use client";

import { useRef, useState } from "react";
import { throwForStatus } from "@/lib/swr/fetcher";
import type { ListFilters } from "@/lib/swr/use-request-list";

interface Props {
  /** The API base: /api/bins/{key}, or /api/shares/{id} on a share link. */
  api: string;
  /** Exports hold what the list shows: its method and search filters. */
  filters: ListFilters;
  /** Only the owner imports; a share link changes nothing. */
  canImport: boolean;
}

const LINK =
  "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800";

/** Export the listed requests as HAR or JSON lines; import a HAR file into the bin. */
export function HarControls({ api, filters, canImport }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const params = new URLSearchParams();
  if (filters.method) params.set("method", filters.method);
  if (filters.q) params.set("q", filters.q);
  if (filters.redelivered) params.set("redelivered", "true");
  const query = params.size > 0 ? `?${params}` : "";

  const importFile = async (file: File) => {
    setStatus({ error: false, text: `Importing ${file.name}…` });
    try {
      const res = await throwForStatus(
        await fetch(`${api}/import`, { method: "POST", headers: { "Content-Type": "application/json" }, body: file }),
      );
      const { imported } = (await res.json()) as { imported: number };
      setStatus({ error: false, text: `Imported ${imported} request${imported === 1 ? "" : "s"}.` });
    } catch (err) {
      setStatus({ error: true, text: err instanceof Error ? err.message : String(err) });
    } finally {
      if (input.current) input.current.value = "";
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
      <a className={LINK} href={`${api}/export.har${query}`} download>
        Export HAR
      </a>
      <a className={LINK} href={`${api}/export.jsonl${query}`} download>
        Export JSON lines
      </a>
      {canImport && (
        <label className={`${LINK} cursor-pointer focus-within:outline-2 focus-within:outline-sky-600`}>
          Import HAR
          <input
            ref={input}
            type="file"
            accept=".har,application/json"
            className="sr-only"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
        </label>
      )}
      {status && (
        <p
          role={status.error ? "alert" : "status"}
          className={`w-full text-xs ${status.error ? "text-rose-800 dark:text-rose-300" : "text-zinc-600 dark:text-zinc-400"}`}
        >
          {status.text}
        </p>
      )}
    </div>
  );
}
