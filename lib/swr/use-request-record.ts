"use client";

import useSWR from "swr";
import type { RequestRecord } from "../requests/types";
import { fetchJson } from "./fetcher";

/** One captured request's full record; no request while id is null. */
export function useRequestRecord(key: string, id: string | null) {
  return useSWR<RequestRecord>(id ? `/api/bins/${key}/requests/${id}` : null, fetchJson, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
}
