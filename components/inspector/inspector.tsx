"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type ReplayChoice, ReplayDialog } from "@/components/replay/replay-dialog";
import { RequestDetail } from "@/components/request/request-detail";
import type { BinJson } from "@/lib/bins/types";
import { rekeyRecentBin } from "@/lib/recent-bins";
import type { RequestPage, RequestSummary } from "@/lib/requests/types";
import type { SharedBinJson } from "@/lib/shares/types";
import { throwForStatus } from "@/lib/swr/fetcher";
import { useLiveStream } from "@/lib/swr/use-live-stream";
import type { ListFilters } from "@/lib/swr/use-request-list";
import { EmptyState } from "./empty-state";
import { FilterBar } from "./filter-bar";
import { HarControls } from "./har-controls";
import { InspectorHeader } from "./inspector-header";
import { LegacyKeyNotice } from "./legacy-key-notice";
import { RequestList, type RequestListHandle } from "./request-list";
import { type BinSecret, rotateSecret } from "./rotate-secret";
import { SelectionBar } from "./selection-bar";
import { useArrivalAnnouncer } from "./use-arrival-announcer";
import { useInspectorList } from "./use-inspector-list";
import { useSelection } from "./use-selection";

/**
 * Who is looking: the bin's owner, through its key, or a share link's reader, who sees the requests
 * and no control that changes anything (the controls are left out, not disabled).
 */
export type InspectorAccess =
  | { kind: "owner"; bin: BinJson }
  | {
      kind: "share";
      shareId: string;
      bin: SharedBinJson;
      /** The app's base URL, for the body downloads that "Copy as curl" names. */
      appUrl: string;
    };

/** Where "Copy as curl" sends on a share link, which never shows the capture URL. */
export const SHARE_CURL_ORIGIN = "https://your-endpoint.example";

/**
 * Where the inspector reads (`api`), where "Copy as curl" sends (`origin`), and the app's origin
 * (which differs from the capture origin when CAPTURE_URL is set).
 */
function endpointsOf(access: InspectorAccess, ownerBin: BinJson | null) {
  if (access.kind === "share") {
    return {
      api: `/api/shares/${access.shareId}`,
      origin: SHARE_CURL_ORIGIN,
      appOrigin: new URL(access.appUrl).origin,
    };
  }
  const bin = ownerBin ?? access.bin;
  return {
    api: `/api/bins/${bin.key}`,
    origin: new URL(bin.captureUrl).origin,
    appOrigin: new URL(bin.inspectUrl).origin,
  };
}

interface Props {
  access: InspectorAccess;
  firstPage?: RequestPage;
  latestSeq: number;
  initialFilters: ListFilters;
  initialSelected: string | null;
}

function syncUrl(filters: ListFilters, selected: string | null) {
  const params = new URLSearchParams();
  if (filters.method) params.set("method", filters.method);
  if (filters.q) params.set("q", filters.q);
  if (filters.redelivered) params.set("redelivered", "true");
  if (selected) params.set("r", selected);
  const query = params.toString();
  window.history.replaceState(window.history.state, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function Inspector({ access, firstPage, latestSeq, initialFilters, initialSelected }: Props) {
  const [ownerBin, setBin] = useState(access.kind === "owner" ? access.bin : null);
  const [filters, setFilters] = useState(initialFilters);
  const [openId, setOpenId] = useState<string | null>(initialSelected);
  const [activeId, setActiveId] = useState<string | null>(initialSelected);
  const [unread, setUnread] = useState<ReadonlySet<string>>(new Set());
  const [paused, setPaused] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const { api, origin, appOrigin } = endpointsOf(access, ownerBin);
  const list = useInspectorList(api, filters, firstPage);
  const shownIds = useMemo(() => list.requests.map((r) => r.id), [list.requests]);
  const selection = useSelection(shownIds);
  const [replay, setReplay] = useState<{ choice: ReplayChoice; label: string } | null>(null);
  const { message, announce } = useArrivalAnnouncer();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<RequestListHandle>(null);

  useEffect(() => syncUrl(filters, openId), [filters, openId]);

  const open = useCallback((id: string | null) => {
    setOpenId(id);
    if (id) {
      setActiveId(id);
      setUnread((current) => {
        if (!current.has(id)) return current;
        const next = new Set(current);
        next.delete(id);
        return next;
      });
    }
  }, []);

  const state = useLiveStream(api, latestSeq, paused, {
    onRequest: (summary: RequestSummary) => {
      list.addLive(summary);
      setUnread((current) => new Set(current).add(summary.id));
      announce(summary);
    },
    onDeleted: (id) => {
      list.removeLocal(id);
      setOpenId((current) => (current === id ? null : current));
    },
    onCleared: () => {
      list.clearLocal();
      setOpenId(null);
    },
    onReconnected: () => list.refetch(),
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (e.key === "/") {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (
        (e.key === "j" || e.key === "k") &&
        !(e.target instanceof HTMLElement && e.target.role === "listbox")
      ) {
        e.preventDefault();
        listRef.current?.focus();
        listRef.current?.move(e.key === "j" ? 1 : -1);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const run = async (action: () => Promise<Response>) => {
    setActionError(null);
    try {
      await throwForStatus(await action());
      return true;
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
      return false;
    }
  };

  const deleteRequest = async (id: string) => {
    const index = list.requests.findIndex((r) => r.id === id);
    if (!(await run(() => fetch(`${api}/requests/${id}`, { method: "DELETE" })))) return;
    list.removeLocal(id);
    const next = list.requests[index + 1] ?? list.requests[index - 1];
    open(next && next.id !== id ? next.id : null);
  };

  const clearAll = async () => {
    setConfirmClear(false);
    if (!(await run(() => fetch(`${api}/requests`, { method: "DELETE" })))) return;
    list.clearLocal();
    open(null);
  };

  /**
   * A new key moves the inspector to its new address with a full load (every hook here is keyed by
   * the old key, which stops working at once); a new token only changes the capture URL shown.
   */
  const rotate = async (bin: BinJson, secret: BinSecret) => {
    setActionError(null);
    try {
      const rotated = await rotateSecret(bin.key, secret);
      if (secret === "token") {
        setBin(rotated);
        return;
      }
      rekeyRecentBin(bin.key, rotated.key);
      window.location.replace(`${new URL(rotated.inspectUrl).pathname}${window.location.search}`);
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
    }
  };

  const changeFilters = useCallback((next: ListFilters) => setFilters(next), []);
  const hasRequests = list.requests.length > 0;
  const filtering = Boolean(filters.method || filters.q || filters.redelivered);

  return (
    <div className="flex h-dvh flex-col overflow-clip">
      <InspectorHeader
        name={ownerBin ? ownerBin.name : access.bin.name}
        owner={
          ownerBin && {
            bin: ownerBin,
            onBinSaved: setBin,
            onRotate: (secret) => rotate(ownerBin, secret),
            onClearAll: () => setConfirmClear(true),
            canClear: hasRequests,
            selectedRequestId: openId,
            recentRequests: list.requests,
          }
        }
        state={state}
        onTogglePause={() => setPaused((p) => !p)}
      />
      {ownerBin && ownerBin.key === ownerBin.token && <LegacyKeyNotice onRotateKey={() => rotate(ownerBin, "key")} />}
      <div aria-live="polite" className="sr-only" data-testid="arrival-announcement">
        {message}
      </div>
      {actionError && (
        <p
          role="alert"
          className="border-b border-rose-300 bg-rose-50 px-4 py-2 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200"
        >
          {actionError}
        </p>
      )}
      <div className="flex min-h-0 flex-1">
        <aside
          aria-label="Requests"
          className={`flex w-full flex-col border-r border-zinc-200 md:w-96 md:shrink-0 dark:border-zinc-800 ${openId ? "hidden md:flex" : "flex"}`}
        >
          <FilterBar ref={searchRef} filters={filters} onChange={changeFilters} />
          {ownerBin && (
            <SelectionBar
              shown={list.requests.length}
              selected={selection.selected.size}
              filtering={filtering}
              onSelectAll={selection.selectAll}
              onReplaySelected={() => {
                // Sent oldest first whatever the order chosen; the list shows newest first.
                const ids = shownIds.filter((id) => selection.selected.has(id));
                setReplay({ choice: { ids }, label: `${ids.length} request${ids.length === 1 ? "" : "s"}` });
              }}
              onReplayMatching={() =>
                setReplay({
                  choice: {
                    filter: {
                      method: filters.method || undefined,
                      q: filters.q || undefined,
                      redelivered: filters.redelivered || undefined,
                    },
                  },
                  label: filtering ? "all requests matching the filter" : "all requests",
                })
              }
            />
          )}
          <HarControls api={api} filters={filters} canImport={ownerBin !== null} />
          {list.error && (
            <p role="alert" className="p-3 text-sm text-rose-800 dark:text-rose-300">
              {list.error.message}
            </p>
          )}
          {!hasRequests && !list.isLoading && (
            <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400">
              {filtering
                ? list.hasMore
                  ? "Searching older requests…"
                  : "No request matches these filters."
                : "No requests yet."}
            </p>
          )}
          <RequestList
            ref={listRef}
            requests={list.requests}
            activeId={activeId}
            openId={openId}
            unread={unread}
            hasMore={list.hasMore}
            loadingMore={list.isLoadingMore}
            onActivate={setActiveId}
            onOpen={open}
            onLoadMore={list.loadMore}
            selection={ownerBin ? { selected: selection.selected, onToggle: selection.toggle } : undefined}
          />
        </aside>
        <main className={`min-w-0 flex-1 overflow-y-auto ${openId ? "block" : "hidden md:block"}`}>
          {openId ? (
            <RequestDetail
              key={openId}
              api={api}
              id={openId}
              origin={origin}
              appOrigin={appOrigin}
              actions={ownerBin ? { binKey: ownerBin.key, onDelete: deleteRequest } : undefined}
              onBack={() => open(null)}
              onOpen={open}
            />
          ) : (
            <EmptyState captureUrl={ownerBin?.captureUrl ?? null} hasRequests={hasRequests || filtering} />
          )}
        </main>
      </div>
      {ownerBin && (
        <ReplayDialog
          binKey={ownerBin.key}
          choice={replay?.choice ?? null}
          label={replay?.label ?? ""}
          onClose={() => setReplay(null)}
        />
      )}
      {ownerBin && (
        <ConfirmDialog
          open={confirmClear}
          title="Clear all requests?"
          message="Every captured request of this bin is deleted, for every open inspector. This cannot be undone."
          confirmLabel="Clear all"
          onConfirm={clearAll}
          onCancel={() => setConfirmClear(false)}
        />
      )}
    </div>
  );
}
