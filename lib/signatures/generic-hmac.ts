// Any sender that signs with a plain HMAC: the algorithm, the header, the encoding, an optional
// prefix before the signature (`sha256=`), and optionally a timestamp header whose value is
// signed with the body through a template, `{timestamp}.{body}` unless told otherwise.
import {
  concat,
  constantTimeEqual,
  fromBase64,
  fromHex,
  type HashName,
  hmac,
  toBase64,
  toHex,
  utf8,
} from "./crypto.ts";
import type { SignedRequest, VerifyResult } from "./types.ts";
import {
  bodyWords,
  headerValue,
  invalidSecret,
  malformedHeader,
  matched,
  matchedWithin,
  mismatch,
  missingHeader,
  unixSeconds,
} from "./verdict.ts";

export interface GenericHmacOptions {
  algorithm: HashName;
  header: string;
  encoding: "hex" | "base64";
  /** Text before the signature in the header, e.g. `sha256=`. */
  prefix?: string;
  /** A header carrying a Unix time in seconds that is signed along with the body. */
  timestampHeader?: string;
  /** What is signed when timestampHeader is set: `{timestamp}` and `{body}` are replaced. */
  template?: string;
  /** When set with timestampHeader, a matching signature older (or newer) than this is refused. */
  toleranceSeconds?: number;
}

export const GENERIC_DEFAULT_TEMPLATE = "{timestamp}.{body}";

export async function verifyGenericHmac(
  request: SignedRequest,
  secret: string,
  options: GenericHmacOptions,
): Promise<VerifyResult> {
  const header = headerValue(request, options.header);
  if (header === null) return missingHeader(options.header);
  const prefix = options.prefix ?? "";
  const received = header.trim();
  if (!received.startsWith(prefix)) return malformedHeader(options.header, `it does not start with ${prefix}`);
  const encoded = received.slice(prefix.length);
  const receivedBytes = options.encoding === "hex" ? fromHex(encoded) : fromBase64(encoded);
  if (receivedBytes === null || receivedBytes.length === 0) {
    return malformedHeader(options.header, `the signature is not ${options.encoding}`);
  }
  let timestampText: string | null = null;
  if (options.timestampHeader) {
    timestampText = headerValue(request, options.timestampHeader);
    if (timestampText === null) return missingHeader(options.timestampHeader);
  }
  if (secret === "") return invalidSecret("it is empty");

  const template = timestampText === null ? "{body}" : (options.template ?? GENERIC_DEFAULT_TEMPLATE);
  const parts = template.split("{body}").map((part) => utf8(part.replaceAll("{timestamp}", timestampText ?? "")));
  const signed = concat(...parts.flatMap((part, i) => (i === 0 ? [part] : [request.body, part])));
  const expectedBytes = await hmac(options.algorithm, utf8(secret), signed);
  const computed = {
    expected: prefix + (options.encoding === "hex" ? toHex(expectedBytes) : toBase64(expectedBytes)),
    received: [received],
    signedPayload: template === "{body}" ? bodyWords(request) : `${template} with the ${bodyWords(request)}`,
  };
  if (!constantTimeEqual(receivedBytes, expectedBytes)) return mismatch(computed);
  if (timestampText === null || options.toleranceSeconds === undefined) return matched(computed);
  const timestamp = unixSeconds(timestampText);
  if (timestamp === null) {
    return malformedHeader(options.timestampHeader as string, "it is not a Unix time in seconds", computed);
  }
  return matchedWithin(request, timestamp, options.toleranceSeconds, computed);
}
