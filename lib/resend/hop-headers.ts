// Which headers travel on a resend or forward. Connection-level headers describe the hop between
// the sender and Hookscope, not the request, so they stay behind; Host and Content-Length are
// recomputed for the new target and body. Everything else keeps its order, case and duplicates.
// The rules themselves live in cli/replay-headers.mjs, plain JavaScript that the command line
// runs without a build; this module gives them their types for the server.
import * as rules from "../../cli/replay-headers.mjs";
import type { HeaderPair } from "../capture/headers.ts";

export interface OutgoingFraming {
  /** The Host header value for the target (host, plus the port when it is not the default). */
  host: string;
  method: string;
  bodyLength: number;
}

/** Never sent on, in any case. Headers named in Connection and every proxy-* header are dropped too. */
export const NEVER_SENT: readonly string[] = rules.NEVER_SENT;

/**
 * The headers to send: the given ones without the never-sent ones. Host takes the place (and the
 * spelling) of the first Host header, or comes first; Content-Length takes the place of the first
 * Content-Length or Transfer-Encoding header, or comes last. Content-Length is left out only for a
 * GET-like request without a body that had none.
 */
export const outgoingHeaders: (pairs: readonly HeaderPair[], framing: OutgoingFraming) => HeaderPair[] = (
  pairs,
  framing,
) => rules.outgoingHeaders([...pairs], framing);
