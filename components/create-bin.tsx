"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { BinJson } from "@/lib/bins/types";
import { rememberBin } from "@/lib/recent-bins";
import { fetchJson } from "@/lib/swr/fetcher";
import { Button } from "./button";

/** One click: create a bin, remember it in this browser, open its inspector. */
export function CreateBin() {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setCreating(true);
    setError(null);
    try {
      const bin = await fetchJson<BinJson>("/api/bins", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      rememberBin({ key: bin.key, createdAt: bin.createdAt });
      router.push(`/b/${bin.key}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setCreating(false);
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <div>
        <Button variant="primary" size="lg" onClick={create} disabled={creating}>
          {creating ? "Creating…" : "Create a capture URL"}
        </Button>
      </div>
      {error && (
        <p
          role="alert"
          className="rounded-md border border-rose-300 bg-rose-50 px-4 py-3 text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200"
        >
          Could not create a bin: {error}
        </p>
      )}
    </div>
  );
}
