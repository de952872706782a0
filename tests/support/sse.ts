// A minimal SSE subscriber for tests, on node:http and eventsource-parser.
import http from "node:http";
import { createParser, type EventSourceMessage } from "eventsource-parser";

export interface SseClient {
  status: number;
  events: EventSourceMessage[];
  comments: string[];
  /** Resolves when at least n events have arrived (rejects after timeoutMs). */
  waitForEvents(n: number, timeoutMs?: number): Promise<EventSourceMessage[]>;
  waitForComment(pattern: RegExp, timeoutMs?: number): Promise<void>;
  close(): void;
  closed: Promise<void>;
}

export function openStream(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: "text/event-stream", ...headers } }, (res) => {
      const events: EventSourceMessage[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      const notify = () => {
        for (const w of waiters) w();
      };
      const parser = createParser({
        onEvent: (e) => {
          events.push(e);
          notify();
        },
        onComment: (c) => {
          comments.push(c);
          notify();
        },
      });
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => parser.feed(chunk));
      const closed = new Promise<void>((r) => res.on("close", () => r()));
      const waitUntil = (done: () => boolean, timeoutMs: number, what: string) =>
        new Promise<void>((ok, fail) => {
          if (done()) return ok();
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`timed out waiting for ${what}; got ${events.length} events`));
          }, timeoutMs);
          const check = () => {
            if (!done()) return;
            clearTimeout(timer);
            waiters.delete(check);
            ok();
          };
          waiters.add(check);
        });
      resolve({
        status: res.statusCode ?? 0,
        events,
        comments,
        waitForEvents: async (n, timeoutMs = 10_000) => {
          await waitUntil(() => events.length >= n, timeoutMs, `${n} events`);
          return events;
        },
        waitForComment: (pattern, timeoutMs = 10_000) =>
          waitUntil(() => comments.some((c) => pattern.test(c)), timeoutMs, `a comment matching ${pattern}`),
        close: () => req.destroy(),
        closed,
      });
    });
    req.on("error", reject);
  });
}
