// Verifies a stored request on the server, with the same scheme modules the panel runs in the
// browser: for API callers and tools that hold the secret themselves, and for the secret the
// owner saved with the bin (which the browser only knows masked).
import { getBinOrThrow } from "../bins/service.ts";
import { ApiError } from "../errors.ts";
import { getBinRequestOrThrow } from "../requests/service.ts";
import { storage } from "../storage/index.ts";
import { savedSecretOrThrow } from "./saved-service.ts";
import { GENERIC_NEEDS_OPTIONS, type VerifyInput, type VerifyOptionsInput } from "./schema.ts";
import { verifySignature } from "./schemes.ts";
import type { VerifyResult } from "./types.ts";

/**
 * `captureBase` is where the bin's capture URLs point (CAPTURE_URL, PUBLIC_URL or the Host the
 * API was called on): with the stored request-target it gives the URL the sender called.
 */
export async function verifyStoredRequest(
  key: string,
  id: string,
  input: VerifyInput,
  captureBase: string,
): Promise<VerifyResult> {
  const bin = await getBinOrThrow(key);
  const record = await getBinRequestOrThrow(bin.id, id);
  const { secret, options } = secretAndOptions(bin.signingSecrets, input);
  const body = new Uint8Array(await storage().readBody(id));
  const calledUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(record.url) ? record.url : `${captureBase}${record.url}`;
  return verifySignature(
    input.scheme,
    {
      method: record.method,
      url: options?.url ?? calledUrl,
      headers: record.headers,
      body,
      receivedAt: Date.parse(record.receivedAt),
    },
    secret,
    options,
  );
}

/** The secret given, or else the one saved for the scheme, whose saved options the given ones override. */
function secretAndOptions(
  signingSecrets: string,
  input: VerifyInput,
): { secret: string; options: VerifyOptionsInput | undefined } {
  if (input.secret !== undefined) return { secret: input.secret, options: input.options };
  const saved = savedSecretOrThrow(signingSecrets, input.scheme);
  const options = { ...saved.options, ...input.options };
  if (input.scheme === "generic-hmac" && !options.generic) {
    throw new ApiError("validation_failed", `Invalid request body: options.generic: ${GENERIC_NEEDS_OPTIONS}`);
  }
  return { secret: saved.secret, options };
}
