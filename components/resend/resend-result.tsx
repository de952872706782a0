"use client";

import { useMemo } from "react";
import { PrettyView, type ShownBody } from "@/components/body/pretty-view";
import { RelativeTime } from "@/components/relative-time";
import { HeadersTable } from "@/components/request/headers-table";
import { detectBody, utf8Text } from "@/lib/body/detect";
import type { ResendItem } from "@/lib/resend/types";

function answerBody(item: ResendItem): ShownBody | null {
  if (item.status === null) return null;
  const contentType = item.headers?.find(([n]) => n.toLowerCase() === "content-type")?.[1] ?? null;
  const bytes =
    "bodyBase64" in item
      ? Uint8Array.from(atob(item.bodyBase64), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(item.body ?? "");
  const text = "bodyBase64" in item ? utf8Text(bytes) : (item.body ?? "");
  const detection = detectBody({ contentType, contentEncoding: null, bodyText: text, bodySize: bytes.length });
  return { detection, text, bytes, decoded: [], undecoded: [] };
}

const statusColor = (status: number) =>
  status < 300
    ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
    : status < 400
      ? "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200"
      : "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200";

/** The target's answer to one resend attempt, read like a captured request. */
export function ResendResult({ item }: { item: ResendItem }) {
  const body = useMemo(() => answerBody(item), [item]);
  const contentType = item.headers?.find(([n]) => n.toLowerCase() === "content-type")?.[1] ?? "";
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      data-testid="resend-result"
    >
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {item.status !== null ? (
          <span
            className={`rounded px-2 py-0.5 font-mono font-semibold ${statusColor(item.status)}`}
            data-testid="resend-status"
          >
            {item.status}
          </span>
        ) : (
          <span className="rounded bg-rose-100 px-2 py-0.5 font-semibold text-rose-900 dark:bg-rose-950 dark:text-rose-200">
            No answer
          </span>
        )}
        <span className="font-mono">
          {item.method} {item.url}
        </span>
        <span className="text-zinc-600 dark:text-zinc-400">{item.durationMs} ms</span>
        <RelativeTime iso={item.createdAt} className="text-zinc-600 dark:text-zinc-400" />
        {item.auto && <span className="rounded bg-zinc-200 px-1.5 text-xs dark:bg-zinc-800">forwarded</span>}
      </div>
      {item.error && (
        <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
          {item.error.message} <span className="font-mono text-xs">({item.error.code})</span>
        </p>
      )}
      {item.headers && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Answer headers ({item.headers.length})</summary>
          <div className="mt-2">
            <HeadersTable headers={item.headers} caption="Answer headers in the order received" />
          </div>
        </details>
      )}
      {body && (
        <div className="flex flex-col gap-2">
          <h4 className="text-sm font-medium">
            Answer body
            {item.bodyTruncated && (
              <span className="ml-2 font-normal text-zinc-600 dark:text-zinc-400">(cut at the size limit)</span>
            )}
          </h4>
          <PrettyView body={body} contentType={contentType} />
        </div>
      )}
    </div>
  );
}
