"use client";

import { useState } from "react";
import type { BinJson } from "@/lib/bins/types";
import { CopyButton } from "./copy-button";

type State =
  | { kind: "idle" }
  | { kind: "creating" }
  | { kind: "created"; bin: BinJson }
  | { kind: "failed"; message: string };

export function CreateBin() {
  const [state, setState] = useState<State>({ kind: "idle" });

  const create = async () => {
    setState({ kind: "creating" });
    try {
      const res = await fetch("/api/bins", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      const json = await res.json();
      if (!res.ok) throw new Error(json?.error?.message ?? `The server answered ${res.status}.`);
      setState({ kind: "created", bin: json as BinJson });
    } catch (err) {
      setState({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section className="flex flex-col gap-6" aria-labelledby="create-heading">
      <h2 id="create-heading" className="sr-only">
        Create a capture URL
      </h2>
      <div>
        <button
          type="button"
          onClick={create}
          disabled={state.kind === "creating"}
          className="rounded-lg bg-sky-700 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-sky-800 disabled:opacity-60 dark:bg-sky-600 dark:hover:bg-sky-500"
        >
          {state.kind === "creating"
            ? "Creating…"
            : state.kind === "created"
              ? "Create another capture URL"
              : "Create a capture URL"}
        </button>
      </div>
      {state.kind === "failed" && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          Could not create a bin: {state.message}
        </p>
      )}
      {state.kind === "created" && <CreatedBin bin={state.bin} />}
    </section>
  );
}

function CreatedBin({ bin }: { bin: BinJson }) {
  const curl = `curl -X POST '${bin.captureUrl}' -H 'Content-Type: application/json' -d '{"hello":"world"}'`;
  const listUrl = `/api/bins/${bin.token}/requests`;
  return (
    <div className="flex flex-col gap-5 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <Field label="Capture URL" value={bin.captureUrl} testId="capture-url" />
      <Field label="Try it with curl" value={curl} testId="curl-example" />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Any method, any sub-path and any body sent to the capture URL is stored exactly. See what arrived at{" "}
        <a className="font-mono text-sky-700 underline dark:text-sky-400" href={listUrl}>
          {listUrl}
        </a>
        .
      </p>
    </div>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex flex-col gap-2">
      <span className="text-sm font-medium text-zinc-700 dark:text-zinc-300">{label}</span>
      <div className="flex items-start gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 break-all rounded-md bg-zinc-100 px-3 py-2 font-mono text-sm dark:bg-zinc-800"
        >
          {value}
        </code>
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
