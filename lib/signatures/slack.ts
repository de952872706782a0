// Slack: `X-Slack-Signature: v0=<hex>`, HMAC-SHA256 of `v0:{X-Slack-Request-Timestamp}:{body}` with
// the signing secret; Slack's documentation rejects timestamps more than five minutes off.
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

export const SLACK_SIGNATURE_HEADER = "X-Slack-Signature";
export const SLACK_TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
export const SLACK_DEFAULT_TOLERANCE_SECONDS = 300;

export interface SlackOptions {
  toleranceSeconds?: number;
}

export async function verifySlack(
  request: SignedRequest,
  secret: string,
  options: SlackOptions = {},
): Promise<VerifyResult> {
  const signature = headerValue(request, SLACK_SIGNATURE_HEADER);
  if (signature === null) return missingHeader(SLACK_SIGNATURE_HEADER);
  const timestampHeader = headerValue(request, SLACK_TIMESTAMP_HEADER);
  if (timestampHeader === null) return missingHeader(SLACK_TIMESTAMP_HEADER);
  const timestamp = unixSeconds(timestampHeader);
  if (timestamp === null) return malformedHeader(SLACK_TIMESTAMP_HEADER, "it is not a Unix time in seconds");
  const received = signature.trim();
  if (!received.startsWith("v0=")) return malformedHeader(SLACK_SIGNATURE_HEADER, "it does not start with v0=");
  const receivedBytes = fromHex(received.slice(3));
  if (receivedBytes === null) return malformedHeader(SLACK_SIGNATURE_HEADER, "what follows v0= is not hex");
  if (secret === "") return invalidSecret("it is empty");

  const expectedBytes = await hmac("sha256", utf8(secret), concat(utf8(`v0:${timestampHeader.trim()}:`), request.body));
  const computed = {
    expected: `v0=${toHex(expectedBytes)}`,
    received: [received],
    signedPayload: `"v0:" + timestamp + ":" + ${bodyWords(request)}`,
  };
  if (!constantTimeEqual(receivedBytes, expectedBytes)) return mismatch(computed);
  return matchedWithin(request, timestamp, options.toleranceSeconds ?? SLACK_DEFAULT_TOLERANCE_SECONDS, computed);
}
