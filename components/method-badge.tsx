const COLORS: Record<string, string> = {
  GET: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  POST: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  PUT: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  PATCH: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  DELETE: "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300",
};
const OTHER = "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200";

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-block min-w-[4.25rem] rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold ${COLORS[method] ?? OTHER}`}
    >
      {method}
    </span>
  );
}
