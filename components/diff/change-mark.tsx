import type { ChangeKind } from "@/lib/diff/types";

/**
 * Colour and words, so that a change reads the same without colour (screen readers, colour
 * blindness). Kinds go from A to B; "only in" says so, since B may be the earlier request.
 */
const STYLES: Record<ChangeKind, { label: string; sign: string; className: string }> = {
  added: {
    label: "Added (only in B)",
    sign: "+",
    className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  },
  removed: {
    label: "Removed (only in A)",
    sign: "−",
    className: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
  },
  changed: {
    label: "Changed",
    sign: "~",
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  },
};

/** The border of a changed entry, matching its mark. */
export const CHANGE_BORDER: Record<ChangeKind, string> = {
  added: "border-emerald-400 dark:border-emerald-700",
  removed: "border-rose-400 dark:border-rose-700",
  changed: "border-amber-400 dark:border-amber-700",
};

export function ChangeMark({ kind }: { kind: ChangeKind }) {
  const style = STYLES[kind];
  return (
    <span
      data-change={kind}
      className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ${style.className}`}
    >
      <span aria-hidden="true">{style.sign}</span>
      {style.label}
    </span>
  );
}
