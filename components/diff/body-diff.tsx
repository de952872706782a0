import { type HunkRow, hunkRows } from "@/lib/diff/hunk-rows";
import type { BodySide, BodyDiff as Diff, JsonChange, TextHunk } from "@/lib/diff/types";
import { formatBytes } from "@/lib/format";
import { Absent, DiffEntry } from "./diff-entry";

/** The bodies compared: what each side is, then the changes found in the way their content allows. */
export function BodyDiff({ body }: { body: Diff }) {
  const { comparison } = body;
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-2 text-sm md:grid-cols-2">
        <SideFacts label="A" side={body.a} />
        <SideFacts label="B" side={body.b} />
      </div>
      {comparison.mode === "json" && (
        <JsonChanges changes={comparison.changes} total={comparison.totalChanges} equal={comparison.equal} />
      )}
      {comparison.mode === "text" && (
        <>
          {comparison.note && <Note>{comparison.note}</Note>}
          <TextHunks hunks={comparison.hunks} />
        </>
      )}
      {comparison.mode === "summary" && (
        <>
          <Note>{comparison.message}</Note>
          <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {comparison.equal ? "The bodies are the same bytes." : "The bodies differ."}
          </p>
        </>
      )}
    </div>
  );
}

function SideFacts({ label, side }: { label: string; side: BodySide }) {
  return (
    <div className="min-w-0 rounded-md bg-zinc-100 px-3 py-2 dark:bg-zinc-900">
      <span className="font-semibold">{label}</span>: {formatBytes(side.size)} ({side.size.toLocaleString("en")} bytes)
      {side.decoded.length > 0 && (
        <>
          , compared decoded from {side.decoded.join(", ")} ({side.comparedSize.toLocaleString("en")} bytes)
        </>
      )}
      <div className="break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">SHA-256 {side.sha256}</div>
      {side.decodeProblem && <div className="text-xs text-amber-900 dark:text-amber-200">{side.decodeProblem}</div>}
    </div>
  );
}

function Note({ children }: { children: string }) {
  return <p className="text-sm text-zinc-700 dark:text-zinc-300">{children}</p>;
}

function JsonChanges({ changes, total, equal }: { changes: JsonChange[]; total: number; equal: boolean }) {
  if (changes.length === 0) {
    return (
      <Note>
        {equal
          ? "The bodies are the same bytes."
          : "The JSON documents hold the same values (keys in another order or other spacing are not changes)."}
      </Note>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <Note>{`${total === 1 ? "1 value differs" : `${total} values differ`} in the JSON.`}</Note>
      <Note>Keys in another order are not changes; array items are compared by position.</Note>
      <ul className="flex flex-col gap-2" aria-label="JSON changes">
        {changes.map((change) => (
          <DiffEntry
            key={`${change.kind}${change.path}`}
            name={change.path === "" ? "(the whole document)" : change.path}
            kind={change.kind}
            a={"a" in change ? jsonText(change.a) : <Absent />}
            b={"b" in change ? jsonText(change.b) : <Absent />}
          />
        ))}
      </ul>
      {total > changes.length && (
        <Note>{`${total - changes.length} more changes are not listed (DIFF_MAX_CHANGES).`}</Note>
      )}
    </div>
  );
}

const jsonText = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * Each hunk as rows of A beside B. On a phone a row's cells stack, and an unchanged line or an
 * empty side shows once or not at all, so the hunk reads as a unified diff.
 */
function TextHunks({ hunks }: { hunks: TextHunk[] }) {
  if (hunks.length === 0) return <Note>The texts are the same.</Note>;
  return (
    <div className="flex flex-col gap-3">
      {hunks.map((hunk) => (
        <div
          key={`${hunk.aStart}-${hunk.bStart}`}
          className="overflow-hidden rounded-md border border-zinc-200 font-mono text-sm dark:border-zinc-800"
        >
          <p className="bg-zinc-100 px-3 py-1 font-sans text-xs text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
            {`Lines ${lineRange(hunk.aStart, hunk.aLines)} of A, ${lineRange(hunk.bStart, hunk.bLines)} of B`}
          </p>
          {hunkRows(hunk).map((row) => (
            <div key={`${row.a?.number ?? "-"}:${row.b?.number ?? "-"}`} className="grid md:grid-cols-2">
              <LineCell cell={row.a} side="A" />
              <LineCell cell={row.b} side="B" hideOnPhone={row.b?.line.op === " "} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

function lineRange(start: number, count: number): string {
  if (count === 0) return "none";
  return count === 1 ? `${start}` : `${start}–${start + count - 1}`;
}

const LINE_STYLES = {
  " ": { mark: "", sign: " ", className: "" },
  "-": { mark: "removed", sign: "−", className: "bg-rose-50 dark:bg-rose-950/60" },
  "+": { mark: "added", sign: "+", className: "bg-emerald-50 dark:bg-emerald-950/60" },
} as const;

interface CellProps {
  cell: HunkRow["a"];
  side: "A" | "B";
  hideOnPhone?: boolean;
}

function LineCell({ cell, side, hideOnPhone = false }: CellProps) {
  if (!cell) return <div className="hidden bg-zinc-50 md:block dark:bg-zinc-900/40" />;
  const style = LINE_STYLES[cell.line.op];
  return (
    <div
      className={`min-w-0 whitespace-pre-wrap break-all px-2 py-0.5 ${style.className} ${hideOnPhone ? "hidden md:block" : ""}`}
      data-change={style.mark || undefined}
    >
      <span className="mr-2 inline-block w-12 select-none text-right text-xs text-zinc-500">
        <span className="sr-only">{side} line </span>
        {cell.number}
      </span>
      <span aria-hidden="true" className="mr-1 select-none font-semibold">
        {style.sign}
      </span>
      {style.mark && <span className="sr-only">only in {side}: </span>}
      {cell.line.text}
      {cell.line.noNewlineAtEnd && (
        <span className="ml-2 font-sans text-xs italic text-zinc-500">(no newline at end)</span>
      )}
    </div>
  );
}
