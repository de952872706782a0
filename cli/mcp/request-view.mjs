// @ts-check
// One captured request as get_request and wait_for_request return it: the stored record's facts,
// its headers as sent, and its body through bodyView. The record carries the body as text when it
// is UTF-8 and at most 1 MiB; otherwise only the bytes the view shows are downloaded.
import { bodyNote, bodyView } from "./body.mjs";

/**
 * @typedef {{ id: string, seq: number, method: string, url: string, path: string, query: string,
 *   httpVersion: string, headers: [string, string][], contentType: string | null, bodySize: number,
 *   ip: string, receivedAt: string, bodyText: string | null }} RequestRecord
 * @typedef {import("./body.mjs").BodyView} BodyView
 */

/**
 * @param {import("./api.mjs").Api} api
 * @param {string} key the bin's key
 * @param {RequestRecord} record
 * @param {number} maxBodyBytes
 */
export async function requestView(api, key, record, maxBodyBytes) {
  const bodyPath = `/api/bins/${encodeURIComponent(key)}/requests/${encodeURIComponent(record.id)}/body`;
  // Three bytes past the limit tell whether the cut splits a character.
  const bytes =
    record.bodyText !== null
      ? Buffer.from(record.bodyText, "utf8")
      : await api.bytes(bodyPath, Math.min(record.bodySize, maxBodyBytes + 3));
  const body = bodyView(bytes, record.bodySize, maxBodyBytes);
  const { bodyText: _text, ...facts } = record;
  const note = bodyNote(body, `download it from ${api.server}${bodyPath}`);
  return { ...facts, body, ...(note ? { note } : {}) };
}
