import type { ReactNode } from "react";

/** Unchanged entries, folded away behind a count so that the changes stand out. */
export function CollapsedUnchanged({ count, what, children }: { count: number; what: string; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <details className="rounded-md border border-zinc-200 dark:border-zinc-800">
      <summary className="cursor-pointer px-3 py-2 text-sm text-zinc-700 dark:text-zinc-300">
        {count} unchanged {what}
      </summary>
      <ul className="flex flex-col gap-2 p-2">{children}</ul>
    </details>
  );
}
