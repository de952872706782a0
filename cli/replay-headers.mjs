// Which captured headers travel on a replay, for the command line's --to and (through
// lib/resend/hop-headers.ts) the server's resend and forwarding alike. Connection-level headers
// stay behind, Host and Content-Length are recomputed, everything else keeps order, case and
// duplicates.

/** Never sent on, in any case. Headers named in Connection and every proxy-* header are dropped too. */
export const NEVER_SENT = [
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "host",
  "content-length",
];

const NEVER = new Set(NEVER_SENT);
const BODYLESS_METHODS = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE"]);

/**
 * @param {[string, string][]} pairs the captured headers
 * @param {{ host: string, method: string, bodyLength: number }} framing
 * @returns {[string, string][]} the headers to send
 */
export function outgoingHeaders(pairs, framing) {
  const named = new Set();
  for (const [name, value] of pairs) {
    if (name.toLowerCase() !== "connection") continue;
    for (const token of value.split(",")) {
      const t = token.trim().toLowerCase();
      if (t) named.add(t);
    }
  }
  /** @type {[string, string][]} */
  const out = [];
  let hostPlaced = false;
  let lengthPlaced = false;
  const length = String(framing.bodyLength);
  const wantsLength = framing.bodyLength > 0 || !BODYLESS_METHODS.has(framing.method.toUpperCase());
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    if (lower === "host" && !hostPlaced) {
      out.push([name, framing.host]);
      hostPlaced = true;
    } else if ((lower === "content-length" || lower === "transfer-encoding") && !lengthPlaced) {
      out.push([lower === "content-length" ? name : "Content-Length", length]);
      lengthPlaced = true;
    } else if (!NEVER.has(lower) && !lower.startsWith("proxy-") && !named.has(lower)) {
      out.push([name, value]);
    }
  }
  if (!hostPlaced) out.unshift(["Host", framing.host]);
  if (!lengthPlaced && wantsLength) out.push(["Content-Length", length]);
  return out;
}
