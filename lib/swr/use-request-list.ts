"use client";

import useSWRInfinite from "swr/infinite";
import type { RequestPage } from "../requests/types";
import { fetchJson } from "./fetcher";

export interface ListFilters {
  method: string;
  q: string;
}

export const PAGE_SIZE = 50;

export function requestListUrl(key: string, filters: ListFilters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.method) params.set("method", filters.method);
  if (filters.q) params.set("q", filters.q);
  if (cursor) params.set("cursor", cursor);
  return `/api/bins/${key}/requests?${params}`;
}

/** A bin's requests, newest first, page by page through the cursor API. */
export function useRequestList(key: string, filters: ListFilters, firstPage?: RequestPage) {
  return useSWRInfinite<RequestPage>(
    (index, previous: RequestPage | null) => {
      if (index > 0 && !previous?.nextCursor) return null;
      return requestListUrl(key, filters, index === 0 ? null : (previous?.nextCursor ?? null));
    },
    fetchJson,
    {
      fallbackData: firstPage ? [firstPage] : undefined,
      revalidateFirstPage: false,
      revalidateOnFocus: false,
    },
  );
}
