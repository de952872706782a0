"use client";

import { Button } from "@/components/button";
import { pageBaseOf } from "@/lib/diff/links";
import { formatAbsolute } from "@/lib/format";
import { useRecentRequests } from "@/lib/swr/use-recent-requests";

interface Props {
  /** The API base: /api/bins/{key}, or /api/shares/{id} on a share link. */
  api: string;
  /** The request compared from (A). */
  id: string;
  /** The request preselected as B (an id, "previous" or "previous-delivery"). */
  defaultB?: string;
  /** A's delivery attempt: from 2 on, its previous delivery can be chosen (and is preselected). */
  attempt?: number;
  onCancel?(): void;
}

/**
 * Picks the request to compare with: the previous one with the same method and path, or one of
 * the bin's recent requests. A plain GET form, so the diff page is an address one can keep.
 */
export function CompareForm({ api, id, attempt = 1, defaultB, onCancel }: Props) {
  const { data, error } = useRecentRequests(api, true);
  const others = (data?.requests ?? []).filter((request) => request.id !== id);
  return (
    <form
      method="get"
      action={`${pageBaseOf(api)}/diff`}
      className="flex flex-col gap-2 text-sm"
      onKeyDown={(event) => {
        if (event.key === "Escape" && onCancel) onCancel();
      }}
    >
      <input type="hidden" name="a" value={id} />
      <label htmlFor={`compare-with-${id}`} className="font-medium text-zinc-800 dark:text-zinc-200">
        Compare with
      </label>
      <select
        id={`compare-with-${id}`}
        name="b"
        defaultValue={defaultB ?? (attempt > 1 ? "previous-delivery" : "previous")}
        className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        {attempt > 1 && <option value="previous-delivery">Previous delivery of this event</option>}
        <option value="previous">Previous request, same method and path</option>
        {others.map((request) => (
          <option key={request.id} value={request.id}>
            {`#${request.seq} ${request.method} ${request.path}${request.query ? `?${request.query}` : ""} — ${formatAbsolute(request.receivedAt)}`}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="text-rose-800 dark:text-rose-300">
          {(error as Error).message}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          Compare
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
