"use client";

import { type FormEvent, useEffect, useId, useState } from "react";
import { Button } from "@/components/button";
import { formatBytes } from "@/lib/format";
import type { RequestRecord } from "@/lib/requests/types";
import { headersToLines, linesToHeaders } from "@/lib/resend/header-lines";
import type { ResendInput } from "@/lib/resend/schema";
import type { ResendItem } from "@/lib/resend/types";
import { ApiClientError } from "@/lib/swr/fetcher";
import { useResends } from "@/lib/swr/use-resends";
import { ResendHistory } from "./resend-history";
import { ResendResult } from "./resend-result";

/** The target URL field, which the detail's "Resend…" button scrolls to. */
export const RESEND_TARGET_INPUT_ID = "resend-target-url";
const targetKey = (binKey: string) => `hookscope.resendTarget.${binKey}`;
const field =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900";

/**
 * Sends the capture to a URL, edited or not. Only what the user changed is sent as an override,
 * so an untouched body and header list go out exactly as captured (signatures stay valid).
 */
export function ResendPanel({ binKey, record }: { binKey: string; record: RequestRecord }) {
  const formId = useId();
  const originalHeaders = headersToLines(record.headers);
  const [url, setUrl] = useState("");
  const [method, setMethod] = useState(record.method);
  const [headers, setHeaders] = useState(originalHeaders);
  const [body, setBody] = useState(record.bodyText ?? "");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<ResendItem | null>(null);
  const history = useResends(binKey, record.id);

  useEffect(() => setUrl(localStorage.getItem(targetKey(binKey)) ?? ""), [binKey]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const input: ResendInput = { url: url.trim() };
    if (method.trim().toUpperCase() !== record.method) input.method = method.trim().toUpperCase();
    if (headers !== originalHeaders) {
      const parsed = linesToHeaders(headers);
      if (!parsed.ok) {
        setError(parsed.error);
        return;
      }
      input.headers = parsed.headers;
    }
    if (record.bodyText !== null && body !== record.bodyText) input.body = body;
    setSending(true);
    try {
      localStorage.setItem(targetKey(binKey), input.url);
      const res = await fetch(`/api/bins/${binKey}/requests/${record.id}/resend`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(input),
      });
      const json = (await res.json()) as ResendItem | { error: { code: string; message: string } };
      if (res.status !== 200 && res.status !== 502) {
        throw new ApiClientError((json as { error: { message: string } }).error.message, res.status, null);
      }
      setShown(json as ResendItem);
      void history.mutate();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };

  const reset = () => {
    setMethod(record.method);
    setHeaders(originalHeaders);
    setBody(record.bodyText ?? "");
  };
  const edited = method !== record.method || headers !== originalHeaders || body !== (record.bodyText ?? "");

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={send} className="flex flex-col gap-3" aria-label="Resend this request">
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex w-28 flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300">
            Method
            <input value={method} onChange={(e) => setMethod(e.target.value)} className={field} required />
          </label>
          <label className="flex min-w-60 flex-1 flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300">
            Target URL
            <input
              id={RESEND_TARGET_INPUT_ID}
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="http://localhost:4000/webhook"
              className={field}
              required
            />
          </label>
          <Button type="submit" variant="primary" disabled={sending}>
            {sending ? "Sending…" : "Send"}
          </Button>
        </div>
        <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800" open={edited}>
          <summary className="cursor-pointer text-sm font-medium">
            Edit headers and body{edited ? " (edited)" : ""}
          </summary>
          <div className="mt-3 flex flex-col gap-3">
            <label htmlFor={`${formId}-headers`} className="text-xs text-zinc-700 dark:text-zinc-300">
              Headers, one "Name: value" per line (Host, Content-Length and hop-by-hop headers are set by the sender)
            </label>
            <textarea
              id={`${formId}-headers`}
              value={headers}
              onChange={(e) => setHeaders(e.target.value)}
              rows={Math.min(12, record.headers.length + 1)}
              spellCheck={false}
              className={field}
            />
            {record.bodyText !== null ? (
              <>
                <label htmlFor={`${formId}-body`} className="text-xs text-zinc-700 dark:text-zinc-300">
                  Body
                </label>
                <textarea
                  id={`${formId}-body`}
                  value={body}
                  onChange={(e) => setBody(e.target.value)}
                  rows={8}
                  spellCheck={false}
                  className={field}
                />
              </>
            ) : (
              <p className="text-sm text-zinc-700 dark:text-zinc-300">
                The body ({formatBytes(record.bodySize)}, not text) is sent exactly as captured.
              </p>
            )}
            <div>
              <Button onClick={reset} disabled={!edited}>
                Undo edits
              </Button>
            </div>
          </div>
        </details>
        {error && (
          <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
            {error}
          </p>
        )}
      </form>
      <div aria-live="polite">{shown && <ResendResult item={shown} />}</div>
      <ResendHistory items={history.data?.resends ?? []} selectedId={shown?.id ?? null} onOpen={setShown} />
    </div>
  );
}
