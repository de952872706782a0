"use client";

import Link from "next/link";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import { AnswerRules } from "@/components/rules/answer-rules";
import { ThemeToggle } from "@/components/theme-toggle";
import type { BinJson } from "@/lib/bins/types";
import type { RequestSummary } from "@/lib/requests/types";
import type { ConnectionState } from "@/lib/swr/use-live-stream";
import { BinSettings } from "./bin-settings";
import { ConnectionStatus } from "./connection-status";
import type { BinSecret } from "./rotate-secret";
import { RotateSecrets } from "./rotate-secrets";
import { ShareLinks } from "./share-links";

/** A ready-to-run command that sends a JSON webhook to the capture URL. */
export function exampleCurl(captureUrl: string): string {
  return `curl -X POST '${captureUrl}/hello?source=curl' -H 'Content-Type: application/json' -d '{"event":"test","ok":true}'`;
}

/** What only the bin's owner sees and does: the capture URL, settings, sharing, rotation, clearing. */
export interface OwnerControls {
  bin: BinJson;
  onBinSaved(bin: BinJson): void;
  onRotate(secret: BinSecret): Promise<void>;
  onClearAll(): void;
  canClear: boolean;
  /** The request open in the inspector and the latest ones, which the answer-rule preview offers. */
  selectedRequestId: string | null;
  recentRequests: RequestSummary[];
}

interface Props {
  name: string | null;
  /** Absent on a share link: the header then holds nothing that changes the bin or shows its secrets. */
  owner: OwnerControls | null;
  state: ConnectionState;
  onTogglePause(): void;
}

export function InspectorHeader({ name, owner, state, onTogglePause }: Props) {
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 bg-white px-4 py-2.5 dark:border-zinc-800 dark:bg-zinc-950">
      <Link href="/" className="font-mono text-sm font-semibold text-sky-700 dark:text-sky-400">
        hookscope
      </Link>
      <h1 className="sr-only">
        {owner ? "Inspector" : "Read-only inspector"} for {name ?? "this bin"}
      </h1>
      {name && <span className="text-sm font-medium">{name}</span>}
      {owner ? (
        <OwnerBar owner={owner} />
      ) : (
        <>
          <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            Read-only share link
          </span>
          <span aria-hidden="true" className="flex-1" />
        </>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <ConnectionStatus state={state} goneLabel={owner ? undefined : "Link revoked"} />
        <Button onClick={onTogglePause} aria-pressed={state === "paused"}>
          {state === "paused" ? "Resume" : "Pause"}
        </Button>
        {owner && (
          <Button variant="danger" onClick={owner.onClearAll} disabled={!owner.canClear}>
            Clear all
          </Button>
        )}
        <ThemeToggle />
      </div>
    </header>
  );
}

/** The capture URL, the example request and the settings panel. */
function OwnerBar({
  owner: { bin, onBinSaved, onRotate, selectedRequestId, recentRequests },
}: {
  owner: OwnerControls;
}) {
  return (
    <>
      <div className="order-last flex w-full min-w-0 items-center gap-2">
        <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">Capture URL</span>
        <code
          data-testid="capture-url"
          className="min-w-0 truncate rounded bg-zinc-100 px-2 py-1 font-mono text-sm dark:bg-zinc-900"
          title={bin.captureUrl}
        >
          {bin.captureUrl}
        </code>
        <CopyButton text={bin.captureUrl} label="Copy the capture URL" />
      </div>
      <span aria-hidden="true" className="flex-1" />
      <details className="relative hidden sm:block">
        <summary className="cursor-pointer list-none rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800">
          Example request
        </summary>
        <div className="absolute right-0 z-10 mt-2 flex w-[min(36rem,90vw)] items-start gap-2 rounded-lg border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <code
            data-testid="header-curl"
            className="min-w-0 flex-1 whitespace-pre-wrap break-all font-mono text-xs text-zinc-800 dark:text-zinc-200"
          >
            {exampleCurl(bin.captureUrl)}
          </code>
          <CopyButton text={exampleCurl(bin.captureUrl)} label="Copy the example curl command" />
        </div>
      </details>
      <details className="relative">
        <summary className="cursor-pointer list-none rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800">
          Settings{bin.forwardUrl ? " · forwarding" : ""}
          {bin.rules.some((r) => r.enabled) ? " · rules" : ""}
        </summary>
        <div className="absolute right-0 z-10 mt-2 flex w-[min(28rem,90vw)] flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <BinSettings bin={bin} onSaved={onBinSaved} />
          <AnswerRules bin={bin} selectedId={selectedRequestId} recent={recentRequests} onSaved={onBinSaved} />
          <ShareLinks binKey={bin.key} />
          <RotateSecrets onRotate={onRotate} />
        </div>
      </details>
    </>
  );
}
