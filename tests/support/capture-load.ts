// Capture load for the tests of what a 2xx promises: many keep-alive senders posting to one bin,
// each capture's answer recorded the moment its status line arrives (a sender holding a 2xx is
// owed the capture, whether or not the rest of the answer ever comes), and the whole bin read back.
import http from "node:http";
import type { RequestSummary } from "../../lib/requests/types.ts";
import { listRequests } from "./http.ts";

/** One request a sender makes: sub-path with its query, extra headers, body. */
export interface CaptureSpec {
  /** After `/h/{token}`: a path starting with `/`, with its query if any. */
  target: string;
  headers?: Record<string, string>;
  body: Buffer;
  /** Sent chunked (no Content-Length), so that a limit is found while reading rather than up front. */
  chunked?: boolean;
}

/** What a sender learnt of one capture. */
export interface CaptureAnswer {
  spec: CaptureSpec;
  status: number;
  /** X-Hookscope-Request-Id: set on every stored capture's answer. */
  id: string | null;
}

export interface LoadOptions {
  base: string;
  token: string;
  senders: number;
  /** The next request of sender `sender` (its `i`-th), or null when that sender is done. */
  next: (sender: number, i: number) => CaptureSpec | null;
  /**
   * Called with every answer as soon as its status line is in, before the next request of that
   * sender; what it returns is awaited (a read right after the answer, for read-your-writes).
   */
  onAnswer?: (answer: CaptureAnswer) => void | Promise<void>;
}

export interface Load {
  /** Every answer received so far, in arrival order. */
  answers: CaptureAnswer[];
  /** Senders stop after their request in flight; errors from then on (the server killed) are expected. */
  stop(): void;
  /** Resolves when every sender is done; rejects on a sender's error before stop(). */
  done: Promise<void>;
}

export function startLoad(options: LoadOptions): Load {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.senders });
  const answers: CaptureAnswer[] = [];
  let stopped = false;
  const sender = async (n: number) => {
    for (let i = 0; !stopped; i++) {
      const spec = options.next(n, i);
      if (!spec) return;
      let answer: CaptureAnswer;
      try {
        answer = await send(options.base, options.token, agent, spec);
      } catch (err) {
        if (stopped) return;
        throw err;
      }
      answers.push(answer);
      await options.onAnswer?.(answer);
    }
  };
  const done = Promise.all(Array.from({ length: options.senders }, (_, n) => sender(n))).then(
    () => agent.destroy(),
    (err) => {
      stopped = true;
      agent.destroy();
      throw err;
    },
  );
  return {
    answers,
    stop: () => {
      stopped = true;
    },
    done,
  };
}

/** Sends one capture and resolves on its status line; the rest of the answer is read and dropped. */
function send(base: string, token: string, agent: http.Agent, spec: CaptureSpec): Promise<CaptureAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "Content-Type": "application/json", ...spec.headers };
    if (!spec.chunked) headers["Content-Length"] = spec.body.byteLength;
    const req = http.request(`${base}/h/${token}${spec.target}`, { method: "POST", agent, headers }, (res) => {
      const id = res.headers["x-hookscope-request-id"];
      resolve({ spec, status: res.statusCode ?? 0, id: typeof id === "string" ? id : null });
      res.on("error", () => {});
      res.resume();
    });
    req.on("error", reject);
    req.end(spec.body);
  });
}

/** True for an answer that acknowledges a stored capture. */
export const acknowledged = (answer: CaptureAnswer): answer is CaptureAnswer & { id: string } =>
  answer.status >= 200 && answer.status < 300 && answer.id !== null;

/** Every summary of a bin, newest first, page by page. */
export async function listAll(base: string, key: string): Promise<RequestSummary[]> {
  const all: RequestSummary[] = [];
  let cursor: string | null = "";
  while (cursor !== null) {
    const page = await listRequests(base, key, `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...page.requests);
    cursor = page.nextCursor;
  }
  return all;
}
