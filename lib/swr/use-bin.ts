"use client";

import useSWR from "swr";
import type { BinJson } from "../bins/types";
import { fetchJson } from "./fetcher";

/** A bin, or null when the token is null. */
export function useBin(token: string | null, fallbackData?: BinJson) {
  return useSWR<BinJson>(token ? `/api/bins/${token}` : null, fetchJson, {
    fallbackData,
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
}
