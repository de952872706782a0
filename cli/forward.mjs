// @ts-check
// `hookscope forward`: follows a bin's live stream and sends each new capture to --to, one at a
// time in capture (seq) order. The last delivered seq is the resume point: after a disconnect
// (a server restart, a network blip) the stream is reopened with Last-Event-ID, so the server
// replays what was missed and nothing is skipped or sent twice.
import { createParser } from "eventsource-parser";
import { carriesHop } from "../lib/resend/outgoing-headers.mjs";
import { accessHeader } from "./access.mjs";
import { sendCapture } from "./send-capture.mjs";

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;
/** The server sends a comment every 15 s; this much silence means the connection is dead. */
const IDLE_MS = 45_000;
const TARGET_TIMEOUT_MS = 30_000;

/** An error that retrying will not fix (the bin does not exist). */
export class FatalError extends Error {}

/** The Hookscope server could not be reached or failed; reconnect and resume. */
class ServerUnavailable extends Error {}

/**
 * @typedef {{ id: string, seq: number }} Summary
 * @typedef {{ method: string, path: string, query: string, headers: [string, string][] }} CapturedRecord
 * @typedef {{ server: string, key: string, to: string, signal: AbortSignal,
 *   print?: (line: string) => void, status?: (line: string) => void }} ForwardOptions
 */

/**
 * Runs until the signal aborts, then resolves. Throws FatalError when the bin does not exist.
 * @param {ForwardOptions} options
 */
export async function forward(options) {
  const { server, key, to, signal } = options;
  const print = options.print ?? ((line) => process.stdout.write(`${line}\n`));
  const status = options.status ?? ((line) => process.stderr.write(`${line}\n`));
  const api = `${server}/api/bins/${encodeURIComponent(key)}`;
  // The key stays off the screen: whoever reads the terminal could open the bin with it.
  status(`forwarding new captures of a bin on ${server} to ${to}`);

  let retryMs = FIRST_RETRY_MS;
  /** @param {string} why */
  const waitToRetry = async (why) => {
    if (signal.aborted) return;
    status(`${why}; retrying in ${retryMs} ms`);
    await sleep(retryMs, signal);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  /** @type {number | null} the seq of the last capture handled: the resume point */
  let last = null;
  while (!signal.aborted && last === null) {
    try {
      last = await newestSeq(api, signal);
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof FatalError) throw err;
      await waitToRetry(`cannot reach ${server} (${explain(err)})`);
    }
  }

  let first = true;
  while (!signal.aborted) {
    const resumeFrom = /** @type {number} */ (last);
    try {
      await follow(api, resumeFrom, first, {
        signal,
        onOpen: () => {
          status(first ? "connected; waiting for captures" : `reconnected; resuming after #${resumeFrom}`);
          first = false;
          retryMs = FIRST_RETRY_MS;
        },
        /** @param {Summary} summary */
        deliver: async (summary) => {
          if (summary.seq <= /** @type {number} */ (last)) return;
          await deliverOne(api, summary, to, { signal, print });
          last = summary.seq;
        },
      });
      if (!signal.aborted) await waitToRetry("the server closed the stream");
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof FatalError) throw err;
      await waitToRetry(`disconnected (${explain(err)})`);
    }
  }
}

/**
 * The seq of the bin's newest capture (0 when it has none), so that forwarding starts from now.
 * @param {string} api
 * @param {AbortSignal} signal
 * @returns {Promise<number>}
 */
async function newestSeq(api, signal) {
  const res = /** @type {Response} */ (await serverFetch(`${api}/requests?limit=1`, { signal }));
  const page = /** @type {{ requests: Summary[] }} */ (await res.json());
  return page.requests[0]?.seq ?? 0;
}

/**
 * Reads one stream connection until it ends, delivering its request events one at a time. Events
 * that arrive while a delivery runs wait their turn; when a delivery fails for want of the server,
 * the connection is dropped and the caller reconnects from the last delivered seq.
 * @param {string} api
 * @param {number} after the last seq handled
 * @param {boolean} first
 * @param {{ signal: AbortSignal, onOpen: () => void, deliver: (summary: Summary) => Promise<void> }} handlers
 */
async function follow(api, after, first, { signal, onOpen, deliver }) {
  const connection = new AbortController();
  const abortConnection = () => connection.abort();
  signal.addEventListener("abort", abortConnection, { once: true });
  /** @type {NodeJS.Timeout | undefined} */
  let idle;
  const resetIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => connection.abort(new ServerUnavailable("the stream went silent")), IDLE_MS);
  };
  let chain = Promise.resolve();
  /** @type {unknown} */
  let failure = null;
  try {
    const url = first ? `${api}/stream?since=${after}` : `${api}/stream`;
    const res = /** @type {Response} */ (
      await serverFetch(url, {
        signal: connection.signal,
        headers: { Accept: "text/event-stream", "Last-Event-ID": String(after) },
      })
    );
    onOpen();
    resetIdle();
    const parser = createParser({
      onEvent: (event) => {
        if (event.event !== "request") return;
        const summary = /** @type {Summary} */ (JSON.parse(event.data));
        chain = chain.then(async () => {
          if (failure !== null) return;
          try {
            await deliver(summary);
          } catch (err) {
            failure = err;
            connection.abort(err);
          }
        });
      },
    });
    const decoder = new TextDecoder();
    try {
      // Node's fetch body is async-iterable; the DOM typings of ReadableStream do not say so.
      const chunks = /** @type {AsyncIterable<Uint8Array>} */ (/** @type {unknown} */ (res.body));
      for await (const chunk of chunks) {
        resetIdle();
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch (err) {
      if (failure === null) failure = connection.signal.reason ?? err;
    }
    await chain;
    if (failure !== null) throw failure;
  } finally {
    clearTimeout(idle);
    signal.removeEventListener("abort", abortConnection);
  }
}

/**
 * Fetches the full record and the body bytes of one capture and sends them to the target.
 * @param {string} api
 * @param {Summary} summary
 * @param {string} to
 * @param {{ signal: AbortSignal, print: (line: string) => void }} options
 */
async function deliverOne(api, summary, to, { signal, print }) {
  const label = `#${summary.seq}`;
  const gone = () => print(`${label} was deleted before it could be forwarded`);
  const recordRes = await serverFetch(`${api}/requests/${summary.id}`, { signal, allowNotFound: true });
  if (!recordRes) return gone();
  const record = /** @type {CapturedRecord} */ (await recordRes.json());
  const target = `${record.method} ${record.path}${record.query ? `?${record.query}` : ""}`;
  if (carriesHop(record.headers)) {
    // Sent by a Hookscope resend or forward: passing it on could close a loop (to this bin, or
    // through other bins and servers), so it stops here, as the server's own forwarding does.
    print(`${label} ${target} -> not forwarded: it came from a Hookscope resend or forward (X-Hookscope-Hop)`);
    return;
  }
  const bodyRes = await serverFetch(`${api}/requests/${summary.id}/body`, { signal, allowNotFound: true });
  if (!bodyRes) return gone();
  const body = Buffer.from(await bodyRes.arrayBuffer());
  const result = await sendCapture(record, body, to, { timeoutMs: TARGET_TIMEOUT_MS, signal });
  if (signal.aborted) return;
  print(
    result.ok
      ? `${label} ${target} -> ${result.status} (${result.durationMs} ms)`
      : `${label} ${target} -> failed: ${result.message} (${result.durationMs} ms)`,
  );
}

/**
 * A GET to the Hookscope server. Network errors and 5xx become ServerUnavailable (retry); 404
 * is null when allowed, else FatalError (the bin is gone).
 * @param {string} url
 * @param {{ signal: AbortSignal, headers?: Record<string, string>, allowNotFound?: boolean }} options
 * @returns {Promise<Response | null>}
 */
async function serverFetch(url, { signal, headers = {}, allowNotFound = false }) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { ...accessHeader(), ...headers } });
  } catch (err) {
    throw signal.aborted ? err : new ServerUnavailable(explain(err));
  }
  if (res.ok) return res;
  const text = await res.text().catch(() => "");
  if (res.status === 401) {
    throw new FatalError(
      process.env.HOOKSCOPE_ACCESS_KEY
        ? `${new URL(url).origin} did not accept HOOKSCOPE_ACCESS_KEY: check it is one of the server's ACCESS_KEYS.`
        : `${new URL(url).origin} is private: set HOOKSCOPE_ACCESS_KEY to one of its access keys (in the environment, not on the command line).`,
    );
  }
  if (res.status === 404) {
    if (allowNotFound && !/bin_not_found/.test(text)) return null;
    throw new FatalError(
      `${new URL(url).origin} has no such bin: check the key (a capture URL's token does not open a bin), or the bin was deleted or its key rotated.`,
    );
  }
  throw new ServerUnavailable(`the server answered ${res.status} ${text.slice(0, 200)}`);
}

/**
 * @param {unknown} err
 * @returns {string}
 */
function explain(err) {
  const e = /** @type {Error & { cause?: { code?: string, message?: string } }} */ (err);
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/**
 * @param {number} ms
 * @param {AbortSignal} signal
 * @returns {Promise<void>}
 */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve(undefined);
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
