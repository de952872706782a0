"use client";

import { useId, useMemo, useState } from "react";

/** The scrolling, focusable box every body view draws its data in. */
export const scrollBox =
  "max-h-[32rem] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-950";

const toggle = "flex items-center gap-1.5 text-sm text-zinc-700 dark:text-zinc-300";

/** Text as text: wrapping on by default; line numbers on request (they turn wrapping off to stay aligned). */
export function TextView({ text, label }: { text: string; label: string }) {
  const [wrap, setWrap] = useState(true);
  const [numbered, setNumbered] = useState(false);
  const wrapHint = useId();
  const gutter = useMemo(() => (numbered ? lineNumbers(text) : ""), [numbered, text]);
  const wrapping = wrap && !numbered;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-4">
        <label className={toggle}>
          <input
            type="checkbox"
            checked={wrapping}
            disabled={numbered}
            aria-describedby={numbered ? wrapHint : undefined}
            onChange={(e) => setWrap(e.target.checked)}
            className="accent-sky-700 dark:accent-sky-400"
          />
          Wrap lines
        </label>
        <label className={toggle}>
          <input
            type="checkbox"
            checked={numbered}
            onChange={(e) => setNumbered(e.target.checked)}
            className="accent-sky-700 dark:accent-sky-400"
          />
          Line numbers
        </label>
        {numbered && (
          <span id={wrapHint} className="text-sm text-zinc-600 dark:text-zinc-300">
            Lines are not wrapped while numbered.
          </span>
        )}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard. */}
      <section aria-label={label} tabIndex={0} className={scrollBox}>
        <div className="flex min-w-fit font-mono text-sm leading-6 text-zinc-900 dark:text-zinc-100">
          {numbered && (
            <pre
              aria-hidden="true"
              className="select-none border-r border-zinc-200 pr-3 text-right text-zinc-600 dark:border-zinc-800 dark:text-zinc-300"
            >
              {gutter}
            </pre>
          )}
          <pre
            className={`min-w-0 flex-1 ${numbered ? "pl-3" : ""} ${wrapping ? "whitespace-pre-wrap break-words" : ""}`}
          >
            {text}
          </pre>
        </div>
      </section>
    </div>
  );
}

function lineNumbers(text: string): string {
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return Array.from({ length: count }, (_, i) => i + 1).join("\n");
}
