"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { forwardRef, type KeyboardEvent, useEffect, useImperativeHandle, useLayoutEffect, useRef } from "react";
import { Button } from "@/components/button";
import type { RequestSummary } from "@/lib/requests/types";
import { RequestRow } from "./request-row";

interface Props {
  requests: RequestSummary[];
  activeId: string | null;
  openId: string | null;
  unread: ReadonlySet<string>;
  hasMore: boolean;
  loadingMore: boolean;
  onActivate(id: string): void;
  onOpen(id: string): void;
  onLoadMore(): void;
  /** The owner's checkboxes for a bulk replay; absent on a share link. */
  selection?: {
    selected: ReadonlySet<string>;
    /** `range`: a shift-click, which sets every row from the previous one clicked. */
    onToggle(id: string, range: boolean): void;
  };
}

export interface RequestListHandle {
  focus(): void;
  /** Moves the active row by delta (j/k, arrows). */
  move(delta: number): void;
}

const ROW_HEIGHT = 60;

/** Virtualized listbox of captured requests: stays smooth with thousands of rows. */
export const RequestList = forwardRef<RequestListHandle, Props>(function RequestList(props, ref) {
  const { requests, activeId, openId, unread, hasMore, loadingMore, onActivate, onOpen, onLoadMore, selection } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: requests.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => requests[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const activeIndex = activeId ? requests.findIndex((r) => r.id === activeId) : -1;

  const move = (delta: number) => {
    if (requests.length === 0) return;
    const next = Math.min(requests.length - 1, Math.max(0, (activeIndex === -1 ? -1 : activeIndex) + delta));
    const target = requests[next];
    if (!target) return;
    onActivate(target.id);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };

  useImperativeHandle(ref, () => ({ focus: () => listRef.current?.focus(), move }));

  // New arrivals go on top. When the user has scrolled down to read, keep what they see in place.
  const firstId = useRef<string | undefined>(requests[0]?.id);
  useLayoutEffect(() => {
    const previous = firstId.current;
    firstId.current = requests[0]?.id;
    const scroller = scrollRef.current;
    if (!scroller || !previous || scroller.scrollTop === 0) return;
    const shift = requests.findIndex((r) => r.id === previous);
    if (shift > 0) scroller.scrollTop += shift * ROW_HEIGHT;
  }, [requests]);

  // Load the next page as the end of the list comes into view.
  const lastVisible = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= requests.length - 8) onLoadMore();
  }, [hasMore, loadingMore, lastVisible, requests.length, onLoadMore]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "j") move(1);
    else if (e.key === "ArrowUp" || e.key === "k") move(-1);
    else if (e.key === "Home") move(-requests.length);
    else if (e.key === "End") move(requests.length);
    else if (e.key === "Enter" && activeId) onOpen(activeId);
    else if (e.key === " " && activeId && selection) selection.onToggle(activeId, e.shiftKey);
    else return;
    e.preventDefault();
  };

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" data-testid="request-list-scroll">
      <div
        ref={listRef}
        role="listbox"
        tabIndex={0}
        aria-label={`Captured requests (${requests.length}${hasMore ? "+" : ""}), newest first`}
        aria-activedescendant={activeIndex >= 0 ? `request-${activeId}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex === -1 && requests[0]) onActivate(requests[0].id);
        }}
        className="relative w-full outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const request = requests[item.index] as RequestSummary;
          const isOpen = request.id === openId;
          const isActive = request.id === activeId;
          return (
            // The listbox owns focus and the keyboard (aria-activedescendant), so options are not focusable.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
            // biome-ignore lint/a11y/useFocusableInteractive: see above.
            <div
              key={item.key}
              id={`request-${request.id}`}
              role="option"
              aria-selected={isOpen}
              data-index={item.index}
              onClick={() => {
                onActivate(request.id);
                onOpen(request.id);
              }}
              className={`absolute left-0 top-0 w-full cursor-pointer overflow-hidden border-b border-zinc-200 px-3 py-2 dark:border-zinc-800 ${
                isOpen ? "bg-sky-50 dark:bg-sky-950/60" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"
              } ${isActive ? "shadow-[inset_3px_0_0] shadow-sky-600 dark:shadow-sky-400" : ""}`}
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              <div className="flex h-full items-start gap-2">
                {selection && (
                  // A box drawn, not an <input>: an option's content is presentational, so a control
                  // inside it would be hidden from assistive technology. The option says its state in
                  // words and Space toggles the active row.
                  <span
                    aria-hidden="true"
                    data-testid="replay-select"
                    title="Select for replay (Space; Shift for a range)"
                    // A shift-click picks a range of rows, not a range of text.
                    onMouseDown={(e) => {
                      if (e.shiftKey) e.preventDefault();
                    }}
                    onClick={(e) => {
                      e.stopPropagation();
                      selection.onToggle(request.id, e.shiftKey);
                    }}
                    className={`mt-1 flex size-4 shrink-0 items-center justify-center rounded border text-[10px] leading-none ${
                      selection.selected.has(request.id)
                        ? "border-sky-700 bg-sky-700 text-white dark:border-sky-500 dark:bg-sky-600"
                        : "border-zinc-400 bg-white dark:border-zinc-500 dark:bg-zinc-900"
                    }`}
                  >
                    {selection.selected.has(request.id) ? "✓" : ""}
                  </span>
                )}
                {selection?.selected.has(request.id) && <span className="sr-only">selected for replay, </span>}
                <div className="min-w-0 flex-1">
                  <RequestRow request={request} selected={isOpen} unread={unread.has(request.id)} />
                </div>
              </div>
            </div>
          );
        })}
      </div>
      {hasMore && (
        <div className="p-3 text-center">
          <Button onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load older requests"}
          </Button>
        </div>
      )}
    </div>
  );
});
