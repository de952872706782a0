"use client";

import useSWR from "swr";
import type { BinJson } from "@/lib/bins/types";
import { fetchJson } from "./fetcher";

/** Every bin of the instance (signed-in callers only), most recent activity first, optionally by name. */
export function useAllBins(nameContains: string) {
  const query = nameContains.trim() ? `?q=${encodeURIComponent(nameContains.trim())}` : "";
  return useSWR<{ bins: BinJson[] }>(`/api/bins${query}`, fetchJson, { keepPreviousData: true });
}
