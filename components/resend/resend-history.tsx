import { RelativeTime } from "@/components/relative-time";
import type { ResendItem } from "@/lib/resend/types";

/** Earlier attempts for this request, newest first; each can be reopened. */
export function ResendHistory({
  items,
  selectedId,
  onOpen,
}: {
  items: ResendItem[];
  selectedId: string | null;
  onOpen(item: ResendItem): void;
}) {
  if (items.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <h4 className="text-sm font-medium">History</h4>
      <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => onOpen(item)}
              aria-current={item.id === selectedId ? "true" : undefined}
              className={`flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-left hover:bg-zinc-100 dark:hover:bg-zinc-900 ${
                item.id === selectedId ? "bg-sky-50 dark:bg-sky-950/60" : ""
              }`}
            >
              <span className="w-14 font-mono font-semibold">{item.status ?? "—"}</span>
              <span className="min-w-0 flex-1 truncate font-mono">
                {item.method} {item.url}
              </span>
              {item.error && <span className="text-rose-800 dark:text-rose-300">{item.error.code}</span>}
              {item.auto && <span className="rounded bg-zinc-200 px-1.5 text-xs dark:bg-zinc-800">forwarded</span>}
              <span className="text-zinc-600 dark:text-zinc-400">{item.durationMs} ms</span>
              <RelativeTime iso={item.createdAt} className="text-zinc-600 dark:text-zinc-400" />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
