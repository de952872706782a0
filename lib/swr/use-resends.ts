"use client";

import useSWR from "swr";
import type { ResendList } from "../resend/types";
import { fetchJson } from "./fetcher";

/** A captured request's resend history, newest first. */
export function useResends(token: string, id: string | null) {
  return useSWR<ResendList>(id ? `/api/bins/${token}/requests/${id}/resends` : null, fetchJson, {
    revalidateOnFocus: false,
  });
}
