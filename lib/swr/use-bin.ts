"use client";

import useSWR from "swr";
import type { BinJson } from "../bins/types";
import { fetchJson } from "./fetcher";

/** A bin, or null when the key is null. */
export function useBin(key: string | null, fallbackData?: BinJson) {
  return useSWR<BinJson>(key ? `/api/bins/${key}` : null, fetchJson, {
    fallbackData,
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
}
