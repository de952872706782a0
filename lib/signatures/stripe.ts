// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]`, HMAC-SHA256 of `{t}.{body}` with the
// whole `whsec_...` string as the key. Several v1 entries appear while a secret is being rolled.
import { concat, constantTimeEqual, fromHex, hmac, toHex, utf8 } from "./crypto.ts";
import type { SignedRequest, VerifyResult } from "./types.ts";
import {
  bodyWords,
  headerValue,
  invalidSecret,
  malformedHeader,
  matchedWithin,
  mismatch,
  missingHeader,
  unixSeconds,
} from "./verdict.ts";

export const STRIPE_HEADER = "Stripe-Signature";
export const STRIPE_DEFAULT_TOLERANCE_SECONDS = 300;

export interface StripeOptions {
  toleranceSeconds?: number;
}

export async function verifyStripe(
  request: SignedRequest,
  secret: string,
  options: StripeOptions = {},
): Promise<VerifyResult> {
  const header = headerValue(request, STRIPE_HEADER);
  if (header === null) return missingHeader(STRIPE_HEADER);
  const fields = header.split(",").map((item) => {
    const at = item.indexOf("=");
    return at === -1 ? ["", ""] : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
  });
  const signedTime = fields.find(([k]) => k === "t")?.[1] ?? "";
  const timestamp = unixSeconds(signedTime);
  const received = fields.filter(([k]) => k === "v1").map(([, v]) => v as string);
  if (timestamp === null) return malformedHeader(STRIPE_HEADER, "no t=<unix seconds> timestamp");
  if (received.length === 0) return malformedHeader(STRIPE_HEADER, "no v1= signature");
  if (secret === "") return invalidSecret("it is empty");

  const expectedBytes = await hmac("sha256", utf8(secret), concat(utf8(`${signedTime}.`), request.body));
  const computed = { expected: toHex(expectedBytes), received, signedPayload: `t + "." + ${bodyWords(request)}` };
  const decoded = received.map((v) => fromHex(v));
  if (decoded.every((v) => v === null))
    return malformedHeader(STRIPE_HEADER, "the v1 signatures are not hex", computed);
  if (!decoded.some((v) => v !== null && constantTimeEqual(v, expectedBytes))) return mismatch(computed);
  return matchedWithin(request, timestamp, options.toleranceSeconds ?? STRIPE_DEFAULT_TOLERANCE_SECONDS, computed);
}
