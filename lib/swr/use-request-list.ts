"use client";

import useSWRInfinite from "swr/infinite";
import type { RequestPage } from "../requests/types";
import { fetchJson } from "./fetcher";

export interface ListFilters {
  method: string;
  q: string;
  /** Only redeliveries (attempt > 1). */
  redelivered: boolean;
}

export const PAGE_SIZE = 50;

/** `api` is the API base: /api/bins/{key}, or /api/shares/{id} on a share link. */
export function requestListUrl(api: string, filters: ListFilters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.method) params.set("method", filters.method);
  if (filters.q) params.set("q", filters.q);
  if (filters.redelivered) params.set("redelivered", "true");
  if (cursor) params.set("cursor", cursor);
  return `${api}/requests?${params}`;
}

/** A bin's requests, newest first, page by page through the cursor API. */
export function useRequestList(api: string, filters: ListFilters, firstPage?: RequestPage) {
  return useSWRInfinite<RequestPage>(
    (index, previous: RequestPage | null) => {
      if (index > 0 && !previous?.nextCursor) return null;
      return requestListUrl(api, filters, index === 0 ? null : (previous?.nextCursor ?? null));
    },
    fetchJson,
    {
      fallbackData: firstPage ? [firstPage] : undefined,
      revalidateFirstPage: false,
      revalidateOnFocus: false,
    },
  );
}
