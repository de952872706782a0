"use client";

import { useState } from "react";
import { throwForStatus } from "@/lib/swr/fetcher";
import { Button } from "./button";

/** The access key goes in the request body, never in a URL; on success the browser goes to `next`. */
export function SignInForm({ next }: { next: string }) {
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await throwForStatus(
        await fetch("/api/session", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ key }),
        }),
      );
      window.location.assign(next);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <label htmlFor="access-key" className="text-sm font-medium">
        Access key
      </label>
      <input
        id="access-key"
        type="password"
        autoComplete="current-password"
        required
        value={key}
        onChange={(e) => setKey(e.target.value)}
        className="rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div>
        <Button type="submit" variant="primary" disabled={busy || key === ""}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </div>
      {error && (
        <p
          role="alert"
          className="rounded-md border border-rose-300 bg-rose-50 px-4 py-3 text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200"
        >
          {error}
        </p>
      )}
    </form>
  );
}
