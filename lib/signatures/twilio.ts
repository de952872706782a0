// Twilio: `X-Twilio-Signature: <base64>`, HMAC-SHA1 (HMAC-SHA256 when
// X-Twilio-Webhooks-Signature-Settings says so) keyed with the auth token, over the full URL the
// sender called followed, for a form body, by each parameter's name and value sorted by name. A
// JSON body is not signed itself: the URL carries `bodySHA256`, the hex SHA-256 of the body.
import { constantTimeEqual, fromBase64, type HashName, hmac, sha256, toBase64, toHex, utf8 } from "./crypto.ts";
import type { SignedRequest, VerifyResult } from "./types.ts";
import { headerValue, invalidSecret, malformedHeader, matched, mismatch, missingHeader } from "./verdict.ts";

export const TWILIO_HEADER = "X-Twilio-Signature";
const SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings";

function algorithmOf(request: SignedRequest): HashName | null {
  const settings = headerValue(request, SETTINGS_HEADER) ?? "";
  const named = settings
    .split(",")
    .map((part) => part.split("=").map((s) => s.trim()))
    .find(([k]) => k === "algorithm")?.[1];
  if (!named || named.toUpperCase() === "HMAC_SHA1") return "sha1";
  return named.toUpperCase() === "HMAC_SHA256" ? "sha256" : null;
}

/** Form parameters as Twilio's validator concatenates them: by name, repeated values deduplicated and sorted. */
function formParameters(request: SignedRequest): string {
  const contentType = headerValue(request, "Content-Type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType.trim())) return "";
  const values = new Map<string, Set<string>>();
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(request.body))) {
    values.set(name, (values.get(name) ?? new Set()).add(value));
  }
  return [...values.keys()]
    .sort()
    .map((name) =>
      [...(values.get(name) as Set<string>)]
        .sort()
        .map((value) => name + value)
        .join(""),
    )
    .join("");
}

/** The URL as given, and without or with its default port: Twilio's validator accepts any of them. */
function urlCandidates(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(:\d*)?(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme = "", userInfo = "", host = "", port, rest = ""] = match;
  const defaultPort = scheme.toLowerCase() === "https://" ? ":443" : ":80";
  return [...new Set([url, scheme + userInfo + host + rest, scheme + userInfo + host + (port ?? defaultPort) + rest])];
}

function bodyHashOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get("bodySHA256");
  } catch {
    return null;
  }
}

export async function verifyTwilio(request: SignedRequest, secret: string): Promise<VerifyResult> {
  const header = headerValue(request, TWILIO_HEADER);
  if (header === null) return missingHeader(TWILIO_HEADER);
  const received = header.trim();
  const receivedBytes = fromBase64(received);
  if (receivedBytes === null || receivedBytes.length === 0) return malformedHeader(TWILIO_HEADER, "it is not base64");
  const hash = algorithmOf(request);
  if (hash === null)
    return malformedHeader(SETTINGS_HEADER, "it names an algorithm other than HMAC_SHA1 or HMAC_SHA256");
  if (secret === "") return invalidSecret("it is empty");

  const bodyHash = bodyHashOf(request.url);
  const params = bodyHash === null ? formParameters(request) : "";
  const candidates = await Promise.all(
    urlCandidates(request.url).map(async (url) => ({ url, bytes: await hmac(hash, utf8(secret), utf8(url + params)) })),
  );
  const hit = candidates.find((c) => constantTimeEqual(c.bytes, receivedBytes));
  const computed = {
    expected: toBase64((hit ?? (candidates[0] as { bytes: Uint8Array })).bytes),
    received: [received],
    signedPayload:
      bodyHash !== null
        ? `the URL ${request.url} (its bodySHA256 must be the body's SHA-256)`
        : params
          ? `the URL ${request.url} + the form parameters sorted by name`
          : `the URL ${request.url}`,
  };
  if (!hit) return mismatch(computed);
  if (bodyHash === null) return matched(computed);
  // Only here can a scheme tell a changed body from a wrong secret: the URL is signed, the body is not.
  const actual = toHex(await sha256(request.body));
  if (constantTimeEqual(utf8(actual), utf8(bodyHash.toLowerCase()))) return matched(computed);
  return {
    ...computed,
    valid: false,
    reason: "mismatch",
    message: `The URL's signature matches this secret, but the body's SHA-256 (${actual}) is not the bodySHA256 the URL carries: the body was changed after signing.`,
  };
}
