import type { ReactNode } from "react";

export function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <h3 id={id} className="text-sm font-semibold text-zinc-800 dark:text-zinc-200">
        {title}
        {count !== undefined && <span className="ml-2 font-normal text-zinc-600 dark:text-zinc-400">{count}</span>}
      </h3>
      {children}
    </section>
  );
}
