"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import type { ShareJson } from "@/lib/shares/types";
import { fetchJson, throwForStatus } from "@/lib/swr/fetcher";
import { useShares } from "@/lib/swr/use-shares";

const field =
  "min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** The settings panel's read-only share links: create one (optionally named), copy its URL, revoke it. */
export function ShareLinks({ binKey }: { binKey: string }) {
  const { data, error, mutate } = useShares(binKey);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const share = await fetchJson<ShareJson>(`/api/bins/${binKey}/shares`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: name.trim() || null }),
      });
      setName("");
      await mutate((current) => ({ shares: [...(current?.shares ?? []), share] }), { revalidate: false });
    });
  };

  const revoke = (id: string) =>
    act(async () => {
      await throwForStatus(await fetch(`/api/bins/${binKey}/shares/${id}`, { method: "DELETE" }));
      await mutate((current) => ({ shares: (current?.shares ?? []).filter((s) => s.id !== id) }), {
        revalidate: false,
      });
    });

  return (
    <section
      aria-label="Share links"
      className="flex flex-col gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
    >
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        A share link shows this bin's requests, live, to anyone who has it, and lets them change nothing. It never shows
        the capture URL or this page's key. Revoke it to end its access at once.
      </p>
      <form onSubmit={create} className="flex items-center gap-2">
        <input
          aria-label="Share link name (optional)"
          placeholder="Name (optional)"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          className={field}
        />
        <Button type="submit" disabled={busy}>
          Create share link
        </Button>
      </form>
      {(failure ?? error) && (
        <p role="alert" className="text-xs text-rose-800 dark:text-rose-300">
          {failure ?? (error as Error).message}
        </p>
      )}
      <ul className="flex flex-col gap-2" data-testid="share-links">
        {data?.shares.map((share) => (
          <li key={share.id} className="flex items-center gap-2">
            <div className="flex min-w-0 flex-1 flex-col">
              {share.name && <span className="truncate text-xs font-medium">{share.name}</span>}
              <code className="truncate font-mono text-xs" title={share.url}>
                {share.url}
              </code>
            </div>
            <CopyButton text={share.url} label={`Copy share link ${share.name ?? share.url}`} />
            <Button variant="danger" onClick={() => void revoke(share.id)} disabled={busy}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
