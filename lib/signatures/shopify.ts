// Shopify: `X-Shopify-Hmac-Sha256: <base64>`, HMAC-SHA256 of the body with the app's client secret.
import { constantTimeEqual, fromBase64, hmac, toBase64, utf8 } from "./crypto.ts";
import type { SignedRequest, VerifyResult } from "./types.ts";
import { bodyWords, headerValue, invalidSecret, malformedHeader, matched, mismatch, missingHeader } from "./verdict.ts";

export const SHOPIFY_HEADER = "X-Shopify-Hmac-Sha256";

export async function verifyShopify(request: SignedRequest, secret: string): Promise<VerifyResult> {
  const header = headerValue(request, SHOPIFY_HEADER);
  if (header === null) return missingHeader(SHOPIFY_HEADER);
  const received = header.trim();
  const receivedBytes = fromBase64(received);
  if (receivedBytes === null || receivedBytes.length === 0) return malformedHeader(SHOPIFY_HEADER, "it is not base64");
  if (secret === "") return invalidSecret("it is empty");

  const expectedBytes = await hmac("sha256", utf8(secret), request.body);
  const computed = { expected: toBase64(expectedBytes), received: [received], signedPayload: bodyWords(request) };
  return constantTimeEqual(receivedBytes, expectedBytes) ? matched(computed) : mismatch(computed);
}
