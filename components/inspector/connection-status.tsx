import type { ConnectionState } from "@/lib/swr/use-live-stream";

const LOOK: Record<ConnectionState, { label: string; dot: string }> = {
  live: { label: "Live", dot: "bg-emerald-500" },
  connecting: { label: "Connecting…", dot: "bg-amber-500 animate-pulse" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  paused: { label: "Paused", dot: "bg-zinc-400" },
  gone: { label: "Bin deleted", dot: "bg-rose-500" },
};

/** `goneLabel` says why the stream is gone when it is not the bin's deletion (a revoked share link). */
export function ConnectionStatus({ state, goneLabel }: { state: ConnectionState; goneLabel?: string }) {
  const { dot } = LOOK[state];
  const label = state === "gone" && goneLabel ? goneLabel : LOOK[state].label;
  return (
    <span
      role="status"
      data-testid="connection-state"
      data-state={state}
      className="inline-flex items-center gap-1.5 rounded-full border border-zinc-300 px-2.5 py-1 text-xs font-medium text-zinc-700 dark:border-zinc-700 dark:text-zinc-300"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
      {label}
    </span>
  );
}
