"use client";

import useSWR from "swr";
import type { DeliveryTimeline } from "../deliveries/types";
import { fetchJson } from "./fetcher";

/**
 * The timeline of a captured request's event. A sender's retries keep arriving while it is open
 * (backoff can take minutes), so it is refreshed as the resend history is.
 */
export function useDeliveries(api: string, id: string | null) {
  return useSWR<DeliveryTimeline>(id ? `${api}/requests/${id}/deliveries` : null, fetchJson, {
    revalidateOnFocus: false,
    refreshInterval: 5000,
  });
}
