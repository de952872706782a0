"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/button";

interface Props {
  shown: number;
  selected: number;
  filtering: boolean;
  onSelectAll(on: boolean): void;
  onReplaySelected(): void;
  onReplayMatching(): void;
}

/** Above the list, for the bin's owner: choose captures and replay them, or all that the filters let through. */
export function SelectionBar({ shown, selected, filtering, onSelectAll, onReplaySelected, onReplayMatching }: Props) {
  const all = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (all.current) all.current.indeterminate = selected > 0 && selected < shown;
  }, [selected, shown]);
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-800">
      <label className="flex items-center gap-2">
        <input
          ref={all}
          type="checkbox"
          checked={shown > 0 && selected === shown}
          onChange={(e) => onSelectAll(e.target.checked)}
          disabled={shown === 0}
        />
        Select all shown
      </label>
      <span className="text-zinc-600 dark:text-zinc-400" data-testid="selected-count">
        {selected} selected
      </span>
      <span className="ml-auto flex gap-2">
        <Button onClick={onReplaySelected} disabled={selected === 0}>
          Replay {selected}
        </Button>
        <Button onClick={onReplayMatching} disabled={shown === 0}>
          {filtering ? "Replay all matching the filter" : "Replay all"}
        </Button>
      </span>
    </div>
  );
}
