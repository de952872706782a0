"use client";

import { useCallback, useMemo, useRef, useState } from "react";

/**
 * Captures chosen in the list for a bulk replay. A shift-click sets every row between the last
 * row clicked and this one as this one is set. Only rows the list shows count as selected (not
 * those deleted, cleared or filtered out), so "Replay N" always names rows the user can see.
 */
export function useSelection(shownIds: readonly string[]) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const selected = useMemo(() => {
    const shown = new Set(shownIds);
    return new Set([...chosen].filter((id) => shown.has(id)));
  }, [chosen, shownIds]);

  const toggle = useCallback(
    (id: string, range: boolean) => {
      const on = !selected.has(id);
      const from = range && anchor.current ? shownIds.indexOf(anchor.current) : -1;
      const to = shownIds.indexOf(id);
      const ids = from === -1 ? [id] : shownIds.slice(Math.min(from, to), Math.max(from, to) + 1);
      anchor.current = id;
      setChosen(() => {
        const next = new Set(selected);
        for (const each of ids) {
          if (on) next.add(each);
          else next.delete(each);
        }
        return next;
      });
    },
    [selected, shownIds],
  );

  const selectAll = useCallback((on: boolean) => setChosen(on ? new Set(shownIds) : new Set()), [shownIds]);

  return { selected, toggle, selectAll };
}
