"use client";

import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { useAllBins } from "@/lib/swr/use-all-bins";

/** For a signed-in teammate: every bin of the instance, searchable by name, most recent activity first. */
export function AllBins() {
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const { data, error } = useAllBins(deferred);

  return (
    <section aria-labelledby="all-bins-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="all-bins-heading" className="text-lg font-semibold">
          All bins
        </h2>
        <input
          type="search"
          aria-label="Search bins by name"
          placeholder="Search by name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-56 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
          Could not list the bins: {error instanceof Error ? error.message : String(error)}
        </p>
      )}
      {data && data.bins.length === 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {deferred ? "No bin has that name." : "No bins yet."}
        </p>
      )}
      {data && data.bins.length > 0 && (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {data.bins.map((bin) => (
            <li key={bin.key}>
              <Link
                href={`/b/${bin.key}`}
                className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800"
              >
                <span className="min-w-0 flex-1 truncate text-sm font-medium">{bin.name ?? "Unnamed bin"}</span>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">
                  {bin.requestCount} request{bin.requestCount === 1 ? "" : "s"}
                </span>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">
                  {bin.lastRequestAt ? (
                    <>
                      last <RelativeTime iso={bin.lastRequestAt} />
                    </>
                  ) : (
                    <>
                      created <RelativeTime iso={bin.createdAt} />
                    </>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
