"use client";

import { useEffect, useRef, useState } from "react";
import type { RequestSummary } from "../requests/types";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "paused" | "gone";

export interface LiveHandlers {
  onRequest(summary: RequestSummary): void;
  onDeleted(id: string): void;
  onCleared(): void;
  /** Called when the stream reopens after a drop: deletions made meanwhile are not replayed. */
  onReconnected(): void;
}

/**
 * Follows a bin's live stream with EventSource, from the API base `api` (/api/bins/{key}, or
 * /api/shares/{id} on a share link). The first connection asks for everything after
 * `sinceSeq`; the browser resumes later connections with Last-Event-ID on its own.
 */
export function useLiveStream(api: string, sinceSeq: number, paused: boolean, handlers: LiveHandlers): ConnectionState {
  const [state, setState] = useState<ConnectionState>(paused ? "paused" : "connecting");
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const sinceRef = useRef(sinceSeq);
  sinceRef.current = Math.max(sinceRef.current, sinceSeq);

  useEffect(() => {
    if (paused) {
      setState("paused");
      return;
    }
    setState("connecting");
    let source: EventSource | null = null;
    let cancelled = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let dropped = false;

    const connect = () => {
      source = new EventSource(`${api}/stream?since=${sinceRef.current}`);
      source.onopen = () => {
        setState("live");
        if (dropped) handlersRef.current.onReconnected();
        dropped = false;
      };
      source.onerror = () => {
        dropped = true;
        setState("reconnecting");
        // A network error makes EventSource retry by itself; an HTTP error closes it for good.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          void fetch(api)
            .then((res) => {
              if (cancelled) return;
              if (res.status === 404) setState("gone");
              else retryTimer = setTimeout(connect, res.status === 429 ? 10_000 : 2000);
            })
            .catch(() => {
              if (!cancelled) retryTimer = setTimeout(connect, 2000);
            });
        }
      };
      source.addEventListener("request", (e) => {
        const summary = JSON.parse((e as MessageEvent<string>).data) as RequestSummary;
        sinceRef.current = Math.max(sinceRef.current, summary.seq);
        handlersRef.current.onRequest(summary);
      });
      source.addEventListener("deleted", (e) => {
        handlersRef.current.onDeleted((JSON.parse((e as MessageEvent<string>).data) as { id: string }).id);
      });
      source.addEventListener("cleared", () => handlersRef.current.onCleared());
    };
    connect();
    return () => {
      cancelled = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [api, paused]);

  return state;
}
