// @ts-check
// Which headers travel when Hookscope sends a captured request on: a manual resend, an automatic
// forward, the command line's `hookscope forward`. Plain JavaScript with JSDoc types, so that the
// command line runs it on Node without a build and the server type-checks it as it is.
//
// Connection-level headers describe the hop between the sender and Hookscope, not the request, so
// they stay behind; Host and Content-Length are recomputed for the new target and body. Everything
// else keeps its order, case and duplicates. Every request sent on carries X-Hookscope-Hop, so the
// capture path can tell a request that Hookscope itself sent: such a capture is never forwarded
// again, which ends a loop through any chain of bins and servers that URL checks cannot see.

/** Marks a request sent on by Hookscope. A captured one is replaced, never passed on as it came. */
export const HOP_HEADER = "X-Hookscope-Hop";

const HOP = HOP_HEADER.toLowerCase();

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

/** @typedef {readonly [name: string, value: string]} ReadonlyHeaderPair */

/**
 * @typedef {object} OutgoingFraming
 * @property {string} host the Host header value for the target (host, plus the port when it is not the default)
 * @property {string} method
 * @property {number} bodyLength
 */

/**
 * The headers to send: the given ones without the never-sent ones. Host takes the place (and the
 * spelling) of the first Host header, or comes first; Content-Length takes the place of the first
 * Content-Length or Transfer-Encoding header, or comes last. Content-Length is left out only for a
 * GET-like request without a body that had none. X-Hookscope-Hop: 1 takes the place of the first
 * captured X-Hookscope-Hop (the others are dropped), or comes last.
 * @param {readonly ReadonlyHeaderPair[]} pairs the captured headers
 * @param {OutgoingFraming} framing
 * @returns {[name: string, value: string][]} the headers to send
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
  let hopPlaced = false;
  const length = String(framing.bodyLength);
  const wantsLength = framing.bodyLength > 0 || !BODYLESS_METHODS.has(framing.method.toUpperCase());
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    if (lower === "host") {
      if (!hostPlaced) out.push([name, framing.host]);
      hostPlaced = true;
    } else if (lower === "content-length" || lower === "transfer-encoding") {
      if (!lengthPlaced) out.push([lower === "content-length" ? name : "Content-Length", length]);
      lengthPlaced = true;
    } else if (lower === HOP) {
      if (!hopPlaced) out.push([HOP_HEADER, "1"]);
      hopPlaced = true;
    } else if (!NEVER.has(lower) && !lower.startsWith("proxy-") && !named.has(lower)) {
      out.push([name, value]);
    }
  }
  if (!hostPlaced) out.unshift(["Host", framing.host]);
  if (!lengthPlaced && wantsLength) out.push(["Content-Length", length]);
  if (!hopPlaced) out.push([HOP_HEADER, "1"]);
  return out;
}

/**
 * True when the headers carry X-Hookscope-Hop: the request was sent by a Hookscope resend or
 * forward (this server's or another's) and must not be forwarded again.
 * @param {readonly ReadonlyHeaderPair[]} pairs
 * @returns {boolean}
 */
export function carriesHop(pairs) {
  return pairs.some(([name]) => name.toLowerCase() === HOP);
}
