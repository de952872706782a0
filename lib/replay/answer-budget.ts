// The bodies a replay's JSON answer may hold. That answer is built in memory until the last send:
// REPLAY_MAX_SENDS answers of up to RESEND_MAX_RESPONSE_BYTES each would be hundreds of MiB for
// one request. Bodies are kept in send order while they fit in the budget; after that a send's
// body comes empty with `bodyTruncated: true`, and the whole answer stays in the capture's resend
// history. The NDJSON answer holds nothing and needs no budget.
import type { ReplaySend } from "./types.ts";

/** A function that returns each send as the answer may hold it, given in send order. */
export function answerBudget(maxBytes: number): (send: ReplaySend) => ReplaySend {
  let left = maxBytes;
  return (send) => {
    const { resend } = send;
    const size = bodyBytes(resend);
    if (size <= left) {
      left -= size;
      return send;
    }
    // Once one body did not fit, later ones are left out too, even small ones: the answer keeps a
    // prefix of the sends' bodies, not a selection.
    left = 0;
    if ("bodyBase64" in resend) return { ...send, resend: { ...resend, bodyBase64: "", bodyTruncated: true } };
    if (resend.body === null || resend.id === null) return send;
    return { ...send, resend: { ...resend, body: "", bodyTruncated: true } };
  };
}

function bodyBytes(resend: ReplaySend["resend"]): number {
  if ("bodyBase64" in resend) return Buffer.byteLength(resend.bodyBase64, "base64");
  return resend.body === null ? 0 : Buffer.byteLength(resend.body);
}
