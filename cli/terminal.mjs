// @ts-check
// Printing what senders chose (paths, queries, bodies) on a terminal without letting it act there.

/**
 * Control characters shown as \xNN, so that captured text cannot move the cursor or retitle the terminal.
 * @param {string} text
 */
export function visible(text) {
  return text.replace(/\p{Cc}/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/**
 * A value as one line of JSON. JSON.stringify escapes the C0 controls but not DEL or the C1
 * controls (a captured \u009b starts a terminal escape sequence): those are escaped too.
 * @param {unknown} value
 */
export function jsonLine(value) {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
