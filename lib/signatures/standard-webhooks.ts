// Standard Webhooks (Svix's scheme): `webhook-id`, `webhook-timestamp` and `webhook-signature`
// (or the same with `svix-`), HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with the base64
// bytes after `whsec_`; the signature header lists space-separated `v1,<base64>` entries.
import { concat, constantTimeEqual, fromBase64, hmac, toBase64, utf8 } from "./crypto.ts";
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

export const STANDARD_WEBHOOKS_DEFAULT_TOLERANCE_SECONDS = 300;

export interface StandardWebhooksOptions {
  toleranceSeconds?: number;
}

/** The three headers under whichever prefix the request uses: `webhook-` unless only `svix-` ones are present. */
function signedHeaders(request: SignedRequest) {
  const present = (prefix: string) =>
    ["id", "timestamp", "signature"].some((n) => headerValue(request, prefix + n) !== null);
  const prefix = !present("webhook-") && present("svix-") ? "svix-" : "webhook-";
  return {
    names: { id: `${prefix}id`, timestamp: `${prefix}timestamp`, signature: `${prefix}signature` },
    id: headerValue(request, `${prefix}id`),
    timestamp: headerValue(request, `${prefix}timestamp`),
    signature: headerValue(request, `${prefix}signature`),
  };
}

export function standardWebhooksKey(secret: string): Uint8Array<ArrayBuffer> | null {
  const key = fromBase64(secret.trim().replace(/^whsec_/, ""));
  return key === null || key.length === 0 ? null : key;
}

export async function verifyStandardWebhooks(
  request: SignedRequest,
  secret: string,
  options: StandardWebhooksOptions = {},
): Promise<VerifyResult> {
  const { names, id, timestamp: timestampHeader, signature } = signedHeaders(request);
  if (signature === null) return missingHeader(names.signature);
  if (id === null) return missingHeader(names.id);
  if (timestampHeader === null) return missingHeader(names.timestamp);
  const timestamp = unixSeconds(timestampHeader);
  if (timestamp === null) return malformedHeader(names.timestamp, "it is not a Unix time in seconds");
  const received = signature
    .split(" ")
    .filter((entry) => entry.startsWith("v1,"))
    .map((entry) => entry.slice(3));
  if (received.length === 0) return malformedHeader(names.signature, "no v1,<base64> entry");
  const key = standardWebhooksKey(secret);
  if (key === null) return invalidSecret("it is not base64 after whsec_ (copy it whole from the sender's dashboard)");

  const expectedBytes = await hmac("sha256", key, concat(utf8(`${id}.${timestampHeader.trim()}.`), request.body));
  const computed = {
    expected: `v1,${toBase64(expectedBytes)}`,
    received: received.map((v) => `v1,${v}`),
    signedPayload: `id + "." + timestamp + "." + ${bodyWords(request)}`,
  };
  const decoded = received.map((v) => fromBase64(v));
  if (decoded.every((v) => v === null))
    return malformedHeader(names.signature, "the v1 signatures are not base64", computed);
  if (!decoded.some((v) => v !== null && constantTimeEqual(v, expectedBytes))) return mismatch(computed);
  return matchedWithin(
    request,
    timestamp,
    options.toleranceSeconds ?? STANDARD_WEBHOOKS_DEFAULT_TOLERANCE_SECONDS,
    computed,
  );
}
