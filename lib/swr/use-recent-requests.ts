"use client";

import useSWR from "swr";
import type { RequestPage } from "../requests/types";
import { fetchJson } from "./fetcher";

/** How many of a bin's newest requests a picker offers. */
export const RECENT_LIMIT = 50;

/** The newest requests of a bin, from the API base `api`; no request while `enabled` is false. */
export function useRecentRequests(api: string, enabled: boolean) {
  return useSWR<RequestPage>(enabled ? `${api}/requests?limit=${RECENT_LIMIT}` : null, fetchJson, {
    revalidateOnFocus: false,
  });
}
