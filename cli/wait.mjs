// @ts-check
// `hookscope wait`: blocks until a capture matching the filters is stored, for CI jobs that
// trigger a sender and then check what it sent. The server's wait endpoint does the matching; a
// long timeout is spread over several calls of at most CALL_SECONDS each, so that proxies in
// front of the server (which often cut requests idle for 60 s) do not end the wait, and all of
// them use the same `after`, so a capture stored between two calls is not missed.
import { accessHeader } from "./access.mjs";
import { errorOf, refusalMessage, unreachableMessage } from "./api-error.mjs";
import { jsonLine, visible } from "./terminal.mjs";

/** The longest a single call to the server waits. */
const CALL_SECONDS = 25;

/** The wait ran out of time, or the server refused it: exit 1. */
export class WaitFailed extends Error {}

/** No matching capture arrived in time; `after` is the seq to wait after next time. */
export class WaitTimedOut extends WaitFailed {
  /**
   * @param {string} message
   * @param {number} after
   */
  constructor(message, after) {
    super(message);
    this.after = after;
  }
}

/**
 * @typedef {{ id: string, seq: number, method: string, path: string, query: string,
 *   contentType: string | null, bodySize: number, receivedAt: string }} CapturedRecord
 * @typedef {{ method: string | null, path: string | null, q: string | null, redelivered?: boolean,
 *   after: number | null, timeoutSeconds: number }} Filters
 */

/**
 * The first capture after `after` (by default the bin's newest when called) that passes the
 * filters. Throws WaitFailed when none arrives within the timeout, or the server refuses.
 * @param {{ server: string, key: string, filters: Filters, signal?: AbortSignal }} options
 * @returns {Promise<CapturedRecord>}
 */
export async function waitForCapture({ server, key, filters, signal }) {
  const api = `${server}/api/bins/${encodeURIComponent(key)}`;
  const deadline = Date.now() + filters.timeoutSeconds * 1000;
  const after = filters.after ?? (await newestSeq(api, signal));
  for (;;) {
    const left = Math.max(0, deadline - Date.now()) / 1000;
    const params = new URLSearchParams({ after: String(after), timeout: Math.min(left, CALL_SECONDS).toFixed(3) });
    if (filters.method) params.set("method", filters.method);
    if (filters.path) params.set("path", filters.path);
    if (filters.q) params.set("q", filters.q);
    if (filters.redelivered) params.set("redelivered", "true");
    const res = await call(`${api}/requests/wait?${params}`, signal);
    if (res.status === 200) return /** @type {CapturedRecord} */ (await res.json());
    const error = await errorOf(res);
    if (error.code !== "wait_timeout") throw refused(res, error, api);
    if (Date.now() >= deadline) {
      throw new WaitTimedOut(
        `no matching capture arrived within ${filters.timeoutSeconds} s (after #${after}).`,
        after,
      );
    }
  }
}

/**
 * One line about a capture, safe to print on a terminal: the sender chose the path and query.
 * @param {CapturedRecord} record
 */
export function summaryLine(record) {
  const target = `${record.path}${record.query ? `?${record.query}` : ""}`;
  const type = record.contentType ? ` ${record.contentType}` : "";
  return visible(
    `#${record.seq} ${record.method} ${target}${type} ${record.bodySize} B ${record.receivedAt} ${record.id}`,
  );
}

/**
 * The record as one line of JSON, safe to print (see jsonLine).
 * @param {CapturedRecord} record
 */
export function recordJson(record) {
  return jsonLine(record);
}

/**
 * The seq of the bin's newest capture (0 when it has none): waiting starts from now.
 * @param {string} api
 * @param {AbortSignal | undefined} signal
 */
async function newestSeq(api, signal) {
  const res = await call(`${api}/requests?limit=1`, signal);
  if (res.status !== 200) throw refused(res, await errorOf(res), api);
  const page = /** @type {{ requests: { seq: number }[] }} */ (await res.json());
  return page.requests[0]?.seq ?? 0;
}

/**
 * @param {string} url
 * @param {AbortSignal | undefined} signal
 */
async function call(url, signal) {
  try {
    return await fetch(url, { signal, headers: accessHeader() });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new WaitFailed(unreachableMessage(url, err));
  }
}

/**
 * @param {Response} res
 * @param {{ code: string, message: string }} error
 * @param {string} api
 */
function refused(res, error, api) {
  return new WaitFailed(refusalMessage(res, error, api));
}
