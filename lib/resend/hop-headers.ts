// Which headers travel on a resend or forward. Connection-level headers describe the hop between
// the sender and Hookscope, not the request, so they stay behind; Host and Content-Length are
// recomputed for the new target and body. Everything else keeps its order, case and duplicates.
// cli/replay-headers.mjs holds the same rules for the command line (a unit test keeps them equal).
import type { HeaderPair } from "../capture/headers.ts";

/** Never sent on, in any case. Headers named in Connection and every proxy-* header are dropped too. */
export const NEVER_SENT: readonly string[] = [
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

/** Methods that carry no Content-Length when they have no body (as curl and browsers send them). */
const BODYLESS_METHODS = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE"]);

/** Lower-cased header names listed in the Connection headers. */
function connectionTokens(pairs: readonly HeaderPair[]): Set<string> {
  const named = new Set<string>();
  for (const [name, value] of pairs) {
    if (name.toLowerCase() !== "connection") continue;
    for (const token of value.split(",")) {
      const t = token.trim().toLowerCase();
      if (t) named.add(t);
    }
  }
  return named;
}

/** True when a header of this name is never sent on (given the Connection tokens of its request). */
function isNeverSent(name: string, connectionNamed: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  return NEVER.has(lower) || lower.startsWith("proxy-") || connectionNamed.has(lower);
}

export interface OutgoingFraming {
  /** The Host header value for the target (host, plus the port when it is not the default). */
  host: string;
  method: string;
  bodyLength: number;
}

/**
 * The headers to send: the given ones without the never-sent ones. Host takes the place (and the
 * spelling) of the first Host header, or comes first; Content-Length takes the place of the first
 * Content-Length or Transfer-Encoding header, or comes last. Content-Length is left out only for a
 * GET-like request without a body that had none.
 */
export function outgoingHeaders(pairs: readonly HeaderPair[], framing: OutgoingFraming): HeaderPair[] {
  const named = connectionTokens(pairs);
  const out: HeaderPair[] = [];
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
    } else if (!isNeverSent(name, named)) {
      out.push([name, value]);
    }
  }
  if (!hostPlaced) out.unshift(["Host", framing.host]);
  if (!lengthPlaced && wantsLength) out.push(["Content-Length", length]);
  return out;
}
