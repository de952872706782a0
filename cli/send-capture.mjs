// @ts-check
// Sends one captured request to the --to URL: same method, headers (the server's own rules, from
// lib/resend/outgoing-headers.mjs) and body bytes. The URL is used exactly as given; redirects
// are not followed.
import http from "node:http";
import https from "node:https";
import { outgoingHeaders } from "../lib/resend/outgoing-headers.mjs";

const RAW_TARGET = /^https?:\/\/[^/?#]*([^#]*)/i;

/**
 * @typedef {{ method: string, headers: [string, string][] }} CapturedRecord
 * @typedef {{ ok: true, status: number, durationMs: number } | { ok: false, message: string, durationMs: number }} ReplayResult
 */

/**
 * @param {CapturedRecord} record
 * @param {Buffer} body
 * @param {string} to
 * @param {{ timeoutMs: number, signal?: AbortSignal }} options
 * @returns {Promise<ReplayResult>}
 */
export function sendCapture(record, body, to, options) {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(to);
  const raw = RAW_TARGET.exec(to)?.[1] ?? "";
  const path = (raw === "" ? "/" : raw.startsWith("?") ? `/${raw}` : raw).replace(/[^\x21-\x7e]/gu, (c) =>
    encodeURIComponent(c),
  );
  const headers = outgoingHeaders(record.headers, { host: url.host, method: record.method, bodyLength: body.length });
  return new Promise((resolve) => {
    let settled = false;
    /** @param {ReplayResult} result */
    const settle = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = (url.protocol === "https:" ? https : http).request(
      {
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path,
        method: record.method,
        headers: headers.flat(),
        setHost: false,
        agent: false,
        signal: options.signal,
      },
      (res) => {
        res.resume();
        res.on("end", () => settle({ ok: true, status: res.statusCode ?? 0, durationMs: elapsed() }));
        res.on("error", (err) => settle({ ok: false, message: err.message, durationMs: elapsed() }));
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    req.on("error", (err) => settle({ ok: false, message: err.message, durationMs: elapsed() }));
    req.end(body);
  });
}
