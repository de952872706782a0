"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import { Button } from "@/components/button";
import { MethodBadge } from "@/components/method-badge";
import type { ReplayFilter, ReplayRequest } from "@/lib/replay/schema";
import type { ReplaySend, ReplayTotals } from "@/lib/replay/types";
import { readReplay } from "./read-replay";

/** What to replay: chosen captures, or every capture that the list's filters let through. */
export type ReplayChoice = { ids: string[] } | { filter: ReplayFilter };

interface Props {
  binKey: string;
  /** null when closed. */
  choice: ReplayChoice | null;
  /** What the choice is, for the title: "3 requests", "all requests matching the filters". */
  label: string;
  onClose(): void;
}

const replayTarget = (binKey: string) => `hookscope.replayTarget.${binKey}`;
/** The single resend's target (components/resend/resend-panel.tsx): a first replay starts from it. */
const resendTarget = (binKey: string) => `hookscope.resendTarget.${binKey}`;
const field =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** The bulk replay form and its sends, listed as the server makes them. */
export function ReplayDialog({ binKey, choice, label, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { mutate } = useSWRConfig();
  const [url, setUrl] = useState("");
  const [repeat, setRepeat] = useState("1");
  const [pace, setPace] = useState("0");
  const [sends, setSends] = useState<ReplaySend[]>([]);
  const [totals, setTotals] = useState<ReplayTotals | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState<AbortController | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (choice && !dialog.open) {
      setUrl(localStorage.getItem(replayTarget(binKey)) ?? localStorage.getItem(resendTarget(binKey)) ?? "");
      setSends([]);
      setTotals(null);
      setError(null);
      dialog.showModal();
    }
    if (!choice && dialog.open) dialog.close();
  }, [choice, binKey]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice || running) return;
    const input: ReplayRequest = { url: url.trim(), repeat: Number(repeat), paceMs: Number(pace), ...choice };
    localStorage.setItem(replayTarget(binKey), input.url);
    const controller = new AbortController();
    setRunning(controller);
    setSends([]);
    setTotals(null);
    setError(null);
    try {
      setTotals(await readReplay(binKey, input, (send) => setSends((list) => [...list, send]), controller.signal));
    } catch (err) {
      setError(controller.signal.aborted ? "Stopped." : err instanceof Error ? err.message : String(err));
    } finally {
      setRunning(null);
      // Each send is in its capture's resend history now.
      void mutate(
        (key) => typeof key === "string" && key.startsWith(`/api/bins/${binKey}/requests/`) && key.endsWith("/resends"),
      );
    }
  };

  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        if (!running) onClose();
      }}
      aria-labelledby={titleId}
      className="m-auto w-[min(48rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        Replay {label}
      </h2>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
        Each request is resent as captured (method, headers, body bytes), oldest first, and lands in its resend history.
      </p>
      <form onSubmit={start} className="mt-4 flex flex-wrap items-end gap-2" aria-label="Replay settings">
        <label className="flex min-w-60 flex-1 flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300">
          Target URL
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="http://localhost:4000/webhook"
            className={field}
            required
            disabled={running !== null}
          />
        </label>
        <label className="flex w-20 flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300">
          Repeat
          <input
            type="number"
            min={1}
            step={1}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            className={field}
            required
            disabled={running !== null}
          />
        </label>
        <label className="flex w-28 flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300">
          Pace (ms)
          <input
            type="number"
            min={0}
            step={1}
            value={pace}
            onChange={(e) => setPace(e.target.value)}
            className={field}
            required
            disabled={running !== null}
          />
        </label>
        {running ? (
          <Button variant="danger" onClick={() => running.abort()}>
            Stop
          </Button>
        ) : (
          <Button type="submit" variant="primary">
            Replay
          </Button>
        )}
      </form>
      {error && (
        <p role="alert" className="mt-3 text-sm text-rose-800 dark:text-rose-300">
          {error}
        </p>
      )}
      <ReplaySends sends={sends} totals={totals} running={running !== null} />
      <div className="mt-5 flex justify-end">
        <Button onClick={onClose} disabled={running !== null}>
          Close
        </Button>
      </div>
    </dialog>
  );
}

function ReplaySends({
  sends,
  totals,
  running,
}: {
  sends: ReplaySend[];
  totals: ReplayTotals | null;
  running: boolean;
}) {
  if (sends.length === 0 && !totals) return null;
  return (
    <div className="mt-4 flex flex-col gap-2">
      <p aria-live="polite" className="text-sm" data-testid="replay-summary">
        {totals
          ? `Done: ${totals.sent} answered, ${totals.failed} failed.`
          : `${sends.length} sent${running ? ", sending…" : ""}`}
      </p>
      <ol
        aria-label="Replay results"
        className="max-h-80 divide-y divide-zinc-200 overflow-y-auto rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800"
      >
        {sends.map((send, i) => (
          <li
            // A capture appears once per round: its place in the sequence is what tells them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            key={i}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5"
            data-testid="replay-result"
          >
            <span className="w-16 text-zinc-600 dark:text-zinc-400">round {send.round}</span>
            <span className="w-12 font-mono">#{send.seq}</span>
            <MethodBadge method={send.method} />
            <span className="min-w-0 flex-1 truncate font-mono" title={send.path}>
              {send.path}
              {send.query && <span className="text-zinc-600 dark:text-zinc-400">?{send.query}</span>}
            </span>
            {send.resend.status !== null ? (
              <span className="font-mono font-semibold">{send.resend.status}</span>
            ) : (
              <span className="text-rose-800 dark:text-rose-300" title={send.resend.error?.message}>
                {send.resend.error?.code}
              </span>
            )}
            <span className="text-zinc-600 dark:text-zinc-400">{send.resend.durationMs} ms</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
