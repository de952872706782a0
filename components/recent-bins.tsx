"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import type { BinJson } from "@/lib/bins/types";
import { forgetRecentBin, type RecentBin, readRecentBins } from "@/lib/recent-bins";
import { ApiClientError, fetchJson } from "@/lib/swr/fetcher";

type Loaded = { recent: RecentBin; bin: BinJson | null };

/** The bins this browser created, with their last activity; deleted ones are forgotten. */
export function RecentBins() {
  const [bins, setBins] = useState<Loaded[] | null>(null);

  useEffect(() => {
    const recent = readRecentBins();
    void Promise.all(
      recent.map(async (r): Promise<Loaded | null> => {
        try {
          return { recent: r, bin: await fetchJson<BinJson>(`/api/bins/${r.key}`) };
        } catch (err) {
          if (err instanceof ApiClientError && err.status === 404) {
            forgetRecentBin(r.key);
            return null;
          }
          return { recent: r, bin: null };
        }
      }),
    ).then((loaded) => setBins(loaded.filter((b): b is Loaded => b !== null)));
  }, []);

  if (!bins || bins.length === 0) return null;
  return (
    <section aria-labelledby="recent-heading" className="flex flex-col gap-3">
      <h2 id="recent-heading" className="text-lg font-semibold">
        Your bins
      </h2>
      <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {bins.map(({ recent, bin }) => (
          <li key={recent.key}>
            <Link
              href={`/b/${recent.key}`}
              className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800"
            >
              <span className="min-w-0 flex-1 truncate font-mono text-sm">
                {bin?.name ?? bin?.token ?? "Unnamed bin"}
              </span>
              <span className="text-sm text-zinc-600 dark:text-zinc-400">
                {bin ? `${bin.requestCount} request${bin.requestCount === 1 ? "" : "s"}` : "unavailable"}
              </span>
              <span className="text-sm text-zinc-600 dark:text-zinc-400">
                {bin?.lastRequestAt ? (
                  <>
                    last <RelativeTime iso={bin.lastRequestAt} />
                  </>
                ) : (
                  "no requests yet"
                )}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
