// @ts-check
// `hookscope replay`: has the server resend a bin's captures to a URL (POST /api/bins/{key}/replay)
// and prints each send as the server reports it. The answer is read as NDJSON, one line per send,
// so a long paced replay shows its progress; Ctrl-C closes the call, which stops the replay on
// the server after its current send.
import { accessHeader } from "./access.mjs";
import { errorOf, refusalMessage, unreachableMessage } from "./api-error.mjs";
import { jsonLine, visible } from "./terminal.mjs";

/** The server refused the replay, could not be reached, or stopped before the end: exit 1. */
export class ReplayFailed extends Error {}

/**
 * @typedef {import("./args.mjs").ReplayOptions} ReplayOptions
 * @typedef {{ code: string, message: string }} ApiError
 * @typedef {{ id: string | null, status: number | null, durationMs: number, error: ApiError | null }} SendAnswer
 * @typedef {{ requestId: string, seq: number, round: number, method: string, path: string, query: string,
 *   resend: SendAnswer }} ReplaySend
 * @typedef {{ sent: number, failed: number }} Totals
 */

/**
 * Runs the replay, calling `print` with each line to show. Resolves with the totals; throws
 * ReplayFailed when the server refuses or the replay ends early.
 * @param {{ server: string, key: string, options: ReplayOptions, print: (line: string) => void, signal?: AbortSignal }} run
 * @returns {Promise<Totals>}
 */
export async function runReplay({ server, key, options, print, signal }) {
  const api = `${server}/api/bins/${encodeURIComponent(key)}/replay`;
  const res = await call(api, requestBody(options), signal);
  if (res.status !== 200 || !res.body) throw refused(res, await errorOf(res), api);
  let totals = null;
  for await (const value of ndjsonLines(res.body)) {
    if ("error" in value) throw new ReplayFailed(`the replay stopped: ${visible(value.error.message)}`);
    if ("requestId" in value) print(options.json ? jsonLine(value) : sendLine(value));
    else {
      totals = value;
      if (options.json) print(jsonLine(value));
    }
  }
  if (!totals) throw new ReplayFailed("the server closed the replay before it finished.");
  return totals;
}

/**
 * One line about a send, safe to print on a terminal: the sender chose the path and query.
 * @param {ReplaySend} send
 */
export function sendLine(send) {
  const { resend } = send;
  const target = `${send.path}${send.query ? `?${send.query}` : ""}`;
  const outcome = resend.status !== null ? String(resend.status) : `${resend.error?.code}: ${resend.error?.message}`;
  return visible(`round ${send.round} #${send.seq} ${send.method} ${target} -> ${outcome} ${resend.durationMs} ms`);
}

/** @param {ReplayOptions} options */
function requestBody(options) {
  /** @type {Record<string, unknown>} */
  const body = { url: options.to, repeat: options.repeat, paceMs: options.paceMs };
  if (options.ids) body.ids = options.ids;
  else {
    /** @type {Record<string, string | boolean>} */
    const filter = {};
    if (options.method) filter.method = options.method;
    if (options.q) filter.q = options.q;
    if (options.redelivered) filter.redelivered = true;
    body.filter = filter;
  }
  return JSON.stringify(body);
}

/**
 * The parsed lines of an NDJSON body, as they arrive.
 * @param {ReadableStream<Uint8Array>} body
 * @returns {AsyncGenerator<ReplaySend | Totals | { error: ApiError }>}
 */
async function* ndjsonLines(body) {
  const decoder = new TextDecoder();
  let buffered = "";
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line.trim() !== "") yield JSON.parse(line);
  }
  if (buffered.trim() !== "") yield JSON.parse(buffered);
}

/**
 * @param {string} url
 * @param {string} body
 * @param {AbortSignal | undefined} signal
 */
async function call(url, body, signal) {
  try {
    return await fetch(url, {
      method: "POST",
      body,
      signal,
      headers: { "Content-Type": "application/json", Accept: "application/x-ndjson", ...accessHeader() },
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ReplayFailed(unreachableMessage(url, err));
  }
}

/**
 * @param {Response} res
 * @param {{ code: string, message: string }} error
 * @param {string} api
 */
function refused(res, error, api) {
  return new ReplayFailed(refusalMessage(res, error, api));
}
