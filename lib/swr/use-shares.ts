"use client";

import useSWR from "swr";
import type { ShareJson } from "../shares/types";
import { fetchJson } from "./fetcher";

/** A bin's read-only share links, oldest first. */
export function useShares(key: string) {
  return useSWR<{ shares: ShareJson[] }>(`/api/bins/${key}/shares`, fetchJson, { revalidateOnFocus: false });
}
