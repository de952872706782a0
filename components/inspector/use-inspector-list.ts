"use client";

import { useCallback, useMemo, useRef } from "react";
import type { RequestPage, RequestSummary } from "@/lib/requests/types";
import { type ListFilters, useRequestList } from "@/lib/swr/use-request-list";

/**
 * The inspector's list: cursor pages from the API, kept current by live events without
 * refetching (new summaries are put on top; deletions removed). With a text filter the server
 * decides what matches, so arrivals trigger a (throttled) refetch instead.
 */
export function useInspectorList(api: string, filters: ListFilters, firstPage?: RequestPage) {
  const list = useRequestList(api, filters, firstPage);
  const { mutate } = list;
  const pages = list.data;
  const requests = useMemo(() => pages?.flatMap((p) => p.requests) ?? [], [pages]);
  const hasMore = Boolean(pages?.at(-1)?.nextCursor);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refetchSoon = useCallback(() => {
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(() => void mutate(), 300);
  }, [mutate]);

  const addLive = useCallback(
    (summary: RequestSummary) => {
      if (filters.q) {
        refetchSoon();
        return;
      }
      const methods = filters.method ? filters.method.toUpperCase().split(",") : null;
      if (methods && !methods.includes(summary.method)) return;
      if (filters.redelivered && summary.attempt <= 1) return;
      void mutate(
        (current) => {
          if (!current || current.length === 0) return [{ requests: [summary], nextCursor: null }];
          if (current.some((p) => p.requests.some((r) => r.id === summary.id))) return current;
          const [first, ...rest] = current as [RequestPage, ...RequestPage[]];
          return [{ ...first, requests: [summary, ...first.requests] }, ...rest];
        },
        { revalidate: false },
      );
    },
    [filters.method, filters.q, filters.redelivered, mutate, refetchSoon],
  );

  const removeLocal = useCallback(
    (id: string) => {
      void mutate((current) => current?.map((p) => ({ ...p, requests: p.requests.filter((r) => r.id !== id) })), {
        revalidate: false,
      });
    },
    [mutate],
  );

  const clearLocal = useCallback(() => {
    void mutate([{ requests: [], nextCursor: null }], { revalidate: false });
  }, [mutate]);

  const loadMore = useCallback(() => {
    if (hasMore && !list.isValidating) void list.setSize(list.size + 1);
  }, [hasMore, list]);

  return {
    requests,
    hasMore,
    isLoading: list.isLoading,
    isLoadingMore: list.isValidating && list.size > (pages?.length ?? 0),
    error: list.error as Error | undefined,
    loadMore,
    addLive,
    removeLocal,
    clearLocal,
    refetch: () => void mutate(),
  };
}
