"use client";

import { useCallback, useMemo, useState } from "react";
import { JsonView as JsonTree, type NodeExpandingEvent } from "react-json-view-lite";
import "react-json-view-lite/dist/index.css";
import { lossyIntegers, parseJson } from "@/lib/body/detect";
import { scrollBox, TextView } from "./text-view";

type TreeStyle = NonNullable<Parameters<typeof JsonTree>[0]["style"]>;

const icon = "mr-1 inline-block w-3 cursor-pointer select-none text-zinc-700 dark:text-zinc-300";

// Tailwind classes only (the library's own colour classes are unlayered and would beat dark: variants).
const treeStyle: TreeStyle = {
  container: "whitespace-pre-wrap break-words font-mono text-sm leading-6 text-zinc-900 dark:text-zinc-100",
  basicChildStyle: "m-0 pl-4",
  childFieldsContainer: "m-0 p-0",
  label: "mr-1 text-sky-800 dark:text-sky-300",
  clickableLabel: "mr-1 cursor-pointer text-sky-800 dark:text-sky-300",
  stringValue: "text-emerald-700 dark:text-emerald-300",
  numberValue: "text-violet-700 dark:text-violet-300",
  booleanValue: "text-amber-700 dark:text-amber-300",
  nullValue: "text-rose-700 dark:text-rose-300",
  undefinedValue: "text-rose-700 dark:text-rose-300",
  otherValue: "text-zinc-700 dark:text-zinc-300",
  punctuation: "text-zinc-600 dark:text-zinc-300",
  expandIcon: `${icon} after:content-['▸']`,
  collapseIcon: `${icon} after:content-['▾']`,
  collapsedContent: "mr-1 cursor-pointer text-zinc-600 after:content-['…'] dark:text-zinc-300",
  quotesForFieldNames: true,
  noQuotesForStringValues: false,
  // Escapes control characters and quotes inside strings, so what shows is what was sent.
  stringifyStringValues: true,
  ariaLables: { expandJson: "Expand JSON node", collapseJson: "Collapse JSON node" },
};

// Each tree row costs a few DOM nodes: about 2,000 rows render in a fifth of a second, 12,000 in a second.
/** A top-level array or object is shown up to this many entries (batched events can hold thousands). */
const ROOT_ENTRIES = 500;
/** Rows the tree may render when it first shows, opening level after level. */
const INITIAL_CHILD_BUDGET = 1500;
/** Opening a node with more children than this would stall the page; the Raw tab shows it instead. */
const MAX_EXPANDABLE_CHILDREN = 2000;

/** A JSON body as a collapsible tree; anything that is not an object or array is shown as text. */
export function JsonView({ text }: { text: string }) {
  const parsed = useMemo(() => parseJson(text), [text]);
  const root = useMemo(() => (parsed.ok ? firstEntries(parsed.value) : null), [parsed]);
  const [refused, setRefused] = useState<string | null>(null);
  const lossy = useMemo(() => lossyIntegers(text), [text]);
  const initiallyOpen = useMemo(() => openNodes(root?.shown), [root]);
  const shouldExpandNode = useCallback(
    (_level: number, value: unknown) => initiallyOpen.has(value as object),
    [initiallyOpen],
  );
  const beforeExpandChange = useCallback((event: NodeExpandingEvent) => {
    const count = childCount(event.value);
    if (!event.newExpandValue || count <= MAX_EXPANDABLE_CHILDREN) {
      setRefused(null);
      return true;
    }
    setRefused(
      `That node has ${count.toLocaleString("en")} entries, too many to open here. Use the Raw tab or download the body.`,
    );
    return false;
  }, []);

  if (!parsed.ok) {
    return (
      <div className="flex flex-col gap-2">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">The body is not valid JSON ({parsed.error}).</p>
        <TextView text={text} label="Body text" />
      </div>
    );
  }
  if (!root || typeof root.shown !== "object" || root.shown === null) return <TextView text={text} label="Body text" />;

  return (
    <div className="flex flex-col gap-2">
      {root.total > ROOT_ENTRIES && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Showing the first {ROOT_ENTRIES.toLocaleString("en")} of {root.total.toLocaleString("en")} top-level entries;
          the Raw tab shows them all.
        </p>
      )}
      {lossy.length > 0 && (
        <p className="text-sm text-amber-900 dark:text-amber-200" data-testid="lossy-numbers">
          Some numbers are too large to show exactly in the tree (for example {lossy[0]}); they appear rounded. The Raw
          tab shows the exact text.
        </p>
      )}
      <p aria-live="polite" className="text-sm text-zinc-700 dark:text-zinc-300">
        {refused}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard. */}
      <section aria-label="JSON body" tabIndex={0} className={scrollBox}>
        <JsonTree
          data={root.shown}
          style={treeStyle}
          shouldExpandNode={shouldExpandNode}
          beforeExpandChange={beforeExpandChange}
          aria-label="JSON tree"
        />
      </section>
    </div>
  );
}

function childCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return typeof value === "object" && value !== null ? Object.keys(value).length : 0;
}

/** The top-level value, cut to its first ROOT_ENTRIES entries, and how many it has. */
function firstEntries(value: unknown): { shown: unknown; total: number } {
  const total = childCount(value);
  if (total <= ROOT_ENTRIES) return { shown: value, total };
  if (Array.isArray(value)) return { shown: value.slice(0, ROOT_ENTRIES), total };
  return { shown: Object.fromEntries(Object.entries(value as object).slice(0, ROOT_ENTRIES)), total };
}

/**
 * Nodes open when the tree first shows: breadth first from the root, level by level, while the
 * rows they would render fit the budget (a typical webhook opens completely; a huge one stays
 * readable at the top).
 */
function openNodes(root: unknown): WeakSet<object> {
  const open = new WeakSet<object>();
  let budget = INITIAL_CHILD_BUDGET;
  let level: unknown[] = [root];
  while (level.length > 0 && budget > 0) {
    const next: unknown[] = [];
    for (const node of level) {
      const count = childCount(node);
      if (count === 0 || count > budget) continue;
      open.add(node as object);
      budget -= count;
      next.push(...(Array.isArray(node) ? node : Object.values(node as object)));
    }
    level = next;
  }
  return open;
}
