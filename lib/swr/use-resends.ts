"use client";

import useSWR from "swr";
import type { ResendList } from "../resend/types";
import { fetchJson } from "./fetcher";

/**
 * A captured request's resend history, newest first. Automatic forwards land in it in the
 * background (retries can take minutes), so it is refreshed while the request is open.
 */
export function useResends(key: string, id: string | null) {
  return useSWR<ResendList>(id ? `/api/bins/${key}/requests/${id}/resends` : null, fetchJson, {
    revalidateOnFocus: false,
    refreshInterval: 5000,
  });
}
