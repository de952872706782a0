import type { ReactNode } from "react";
import type { ChangeKind } from "@/lib/diff/types";
import { CHANGE_BORDER, ChangeMark } from "./change-mark";

interface Props {
  /** What differs: a header or parameter name, a JSON pointer, "Method". */
  name: ReactNode;
  kind: ChangeKind | null;
  a: ReactNode;
  b: ReactNode;
}

/**
 * One compared field: its name and mark, then side a beside side b (one above the other on a
 * phone, where each side is labelled).
 */
export function DiffEntry({ name, kind, a, b }: Props) {
  const border = kind ? CHANGE_BORDER[kind] : "border-zinc-200 dark:border-zinc-800";
  return (
    <li data-diff-entry className={`flex flex-col gap-1.5 rounded-md border-l-4 border ${border} px-3 py-2`}>
      <div className="flex items-start justify-between gap-2">
        <span className="min-w-0 break-all font-mono text-sm font-medium text-zinc-900 dark:text-zinc-100">{name}</span>
        {kind && <ChangeMark kind={kind} />}
      </div>
      <div className="grid gap-2 md:grid-cols-2">
        <Side label="A">{a}</Side>
        <Side label="B">{b}</Side>
      </div>
    </li>
  );
}

function Side({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <span className="text-xs font-semibold text-zinc-600 md:sr-only dark:text-zinc-400">{label}</span>
      <div className="whitespace-pre-wrap break-all font-mono text-sm text-zinc-900 dark:text-zinc-100">{children}</div>
    </div>
  );
}

/** What a side shows where it has nothing. */
export function Absent({ what = "absent" }: { what?: string }) {
  return <span className="font-sans italic text-zinc-500 dark:text-zinc-400">({what})</span>;
}
