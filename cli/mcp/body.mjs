// @ts-check
// A body as an agent reads it: text when its bytes are UTF-8, else base64, and never more than a
// limit, so that one large capture cannot flood the agent's context. JSON carries valid UTF-8
// text exactly, so a text body is the stored bytes; a cut says where it was made.

/**
 * @typedef {{ encoding: "text" | "base64", content: string, size: number, shownBytes: number,
 *   truncated: boolean }} BodyView
 */

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * @param {Uint8Array} bytes the body, or at least its first `limit` + 3 bytes
 * @param {number} size the whole body's length in bytes
 * @param {number} limit the most bytes to show
 * @returns {BodyView}
 */
export function bodyView(bytes, size, limit) {
  const truncated = size > limit;
  const end = truncated ? utf8Boundary(bytes, limit) : bytes.length;
  const text = decode(bytes.subarray(0, end));
  if (text !== null) return { encoding: "text", content: text, size, shownBytes: end, truncated };
  const shown = bytes.subarray(0, Math.min(limit, bytes.length));
  return {
    encoding: "base64",
    content: Buffer.from(shown).toString("base64"),
    size,
    shownBytes: shown.length,
    truncated,
  };
}

/**
 * What an agent should know about a body view, in one sentence, or null when it is the whole body as text.
 * @param {BodyView} body
 * @param {string} whereWhole where the whole body is, e.g. "download it from <url>"
 */
export function bodyNote(body, whereWhole) {
  const kind = body.encoding === "base64" ? "The body is not UTF-8 text: content is base64 of its bytes." : "";
  const cut = body.truncated
    ? `Only the first ${body.shownBytes} of ${body.size} bytes are shown (raise maxBodyBytes, or ${whereWhole}).`
    : "";
  return [kind, cut].filter(Boolean).join(" ") || null;
}

/**
 * The largest end at or below `limit` that does not split a UTF-8 sequence: a cut before a
 * continuation byte (10xxxxxx) moves back to the start of its character, at most 3 bytes.
 * @param {Uint8Array} bytes
 * @param {number} limit
 */
function utf8Boundary(bytes, limit) {
  let end = Math.min(limit, bytes.length);
  for (let back = 0; back < 3 && end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80; back++) end--;
  return end;
}

/** @param {Uint8Array} bytes */
function decode(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
