"use client";

import useSWR from "swr";
import type { RequestRecord } from "../requests/types";
import { fetchJson } from "./fetcher";

/** One captured request's full record, from the API base `api`; no request while id is null. */
export function useRequestRecord(api: string, id: string | null) {
  return useSWR<RequestRecord>(id ? `${api}/requests/${id}` : null, fetchJson, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
}
