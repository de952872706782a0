"use client";

import { forwardRef, useEffect, useState } from "react";
import type { ListFilters } from "@/lib/swr/use-request-list";

const METHODS = ["", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

interface Props {
  filters: ListFilters;
  onChange(filters: ListFilters): void;
}

/** Method select, free-text search and the redeliveries toggle; the text is applied after a short pause in typing. */
export const FilterBar = forwardRef<HTMLInputElement, Props>(function FilterBar({ filters, onChange }, searchRef) {
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    if (text === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q: text }), 250);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  const methods = METHODS.includes(filters.method) ? METHODS : [...METHODS, filters.method];
  return (
    <search className="flex gap-2 border-b border-zinc-200 p-2 dark:border-zinc-800">
      <label className="sr-only" htmlFor="method-filter">
        Filter by method
      </label>
      <select
        id="method-filter"
        value={filters.method}
        onChange={(e) => onChange({ ...filters, method: e.target.value })}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        {methods.map((m) => (
          <option key={m} value={m}>
            {m || "All methods"}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="text-filter">
        Search path, query, headers and body
      </label>
      <input
        id="text-filter"
        ref={searchRef}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Search  ( / )"
        autoComplete="off"
        className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm placeholder:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-400"
      />
      <label
        className="flex shrink-0 items-center gap-1.5 text-sm text-zinc-700 dark:text-zinc-300"
        title="Only captures after an event's first delivery (same sender event id)"
      >
        <input
          type="checkbox"
          checked={filters.redelivered}
          onChange={(e) => onChange({ ...filters, redelivered: e.target.checked })}
          className="size-4 accent-sky-600"
        />
        Redeliveries
      </label>
    </search>
  );
});
