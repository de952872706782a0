// The verdicts and wording every scheme shares, so each reason reads the same whatever the scheme.
import type { Computed, SignedRequest, VerifyResult } from "./types.ts";

/** The first value of a header (case-insensitive), or null. */
export function headerValue(request: SignedRequest, name: string): string | null {
  const wanted = name.toLowerCase();
  return request.headers.find(([n]) => n.toLowerCase() === wanted)?.[1] ?? null;
}

export function bodyWords(request: SignedRequest): string {
  return `body (${request.body.length} byte${request.body.length === 1 ? "" : "s"})`;
}

export function missingHeader(name: string): VerifyResult {
  return {
    valid: false,
    reason: "missing_header",
    message: `The request has no ${name} header: it was not signed with this scheme, or something on the way dropped the header.`,
  };
}

export function malformedHeader(name: string, why: string, computed: Computed = {}): VerifyResult {
  return { ...computed, valid: false, reason: "malformed_header", message: `The ${name} header is malformed: ${why}.` };
}

export function invalidSecret(why: string): VerifyResult {
  return { valid: false, reason: "invalid_secret", message: `The secret cannot be used: ${why}.` };
}

/**
 * No scheme can tell a wrong secret from a changed body: both give another signature. The body
 * Hookscope shows is byte-exact as received, so when the sender signed this very body, the secret
 * is what differs.
 */
export const MISMATCH_MESSAGE =
  "The signature does not match: either the secret is wrong or the body was changed after signing. The body stored here is byte-exact as received, so if nothing between the sender and Hookscope rewrote it, check the secret.";

export function mismatch(computed: Computed): VerifyResult {
  return { ...computed, valid: false, reason: "mismatch", message: MISMATCH_MESSAGE };
}

export function matched(computed: Computed): VerifyResult {
  return { ...computed, valid: true, message: "The signature is valid: it was made with this secret over this body." };
}

/** Parses a Unix time in whole seconds, as every timestamped scheme sends it. */
export function unixSeconds(text: string): number | null {
  return /^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * Once the signature matches, the timestamp decides: measured from when Hookscope received the
 * request, which is when the user's own handler would have judged it.
 */
export function matchedWithin(request: SignedRequest, timestamp: number, toleranceSeconds: number, computed: Computed) {
  const ageSeconds = Math.round(request.receivedAt / 1000) - timestamp;
  const judged = { ...computed, ageSeconds, toleranceSeconds };
  if (Math.abs(ageSeconds) <= toleranceSeconds) return matched(judged);
  const when =
    ageSeconds > 0
      ? `${ageSeconds} s old when Hookscope received the request`
      : `${-ageSeconds} s in the future when Hookscope received the request (a clock is wrong)`;
  return {
    ...judged,
    valid: false,
    reason: "timestamp_outside_tolerance",
    message: `The signature matches this secret and body, but the signed timestamp was ${when}, outside the tolerance of ${toleranceSeconds} s: a handler that checks the timestamp rejects it (a replayed or delayed delivery).`,
  } satisfies VerifyResult;
}
