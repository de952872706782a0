// GitHub: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the body; the legacy
// `X-Hub-Signature: sha1=<hex>` is HMAC-SHA1. No timestamp is signed.
import { constantTimeEqual, fromHex, type HashName, hmac, toHex, utf8 } from "./crypto.ts";
import type { SignedRequest, VerifyResult } from "./types.ts";
import { bodyWords, headerValue, invalidSecret, malformedHeader, matched, mismatch, missingHeader } from "./verdict.ts";

const VARIANTS = {
  sha256: { header: "X-Hub-Signature-256", prefix: "sha256=" },
  sha1: { header: "X-Hub-Signature", prefix: "sha1=" },
} as const satisfies Partial<Record<HashName, { header: string; prefix: string }>>;

export async function verifyGitHub(
  request: SignedRequest,
  secret: string,
  hash: keyof typeof VARIANTS,
): Promise<VerifyResult> {
  const { header: name, prefix } = VARIANTS[hash];
  const header = headerValue(request, name);
  if (header === null) return missingHeader(name);
  const received = header.trim();
  if (!received.startsWith(prefix)) return malformedHeader(name, `it does not start with ${prefix}`);
  const receivedBytes = fromHex(received.slice(prefix.length));
  if (receivedBytes === null) return malformedHeader(name, `what follows ${prefix} is not hex`);
  if (secret === "") return invalidSecret("it is empty");

  const expectedBytes = await hmac(hash, utf8(secret), request.body);
  const computed = { expected: prefix + toHex(expectedBytes), received: [received], signedPayload: bodyWords(request) };
  return constantTimeEqual(receivedBytes, expectedBytes) ? matched(computed) : mismatch(computed);
}
