// Verifies a stored request on the server, with the same scheme modules the panel runs in the
// browser: for API callers and tools that hold the secret themselves.
import { getBinOrThrow } from "../bins/service.ts";
import { getBinRequestOrThrow } from "../requests/service.ts";
import { storage } from "../storage/index.ts";
import type { VerifyInput } from "./schema.ts";
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
  const body = new Uint8Array(await storage().readBody(id));
  const calledUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(record.url) ? record.url : `${captureBase}${record.url}`;
  return verifySignature(
    input.scheme,
    {
      method: record.method,
      url: input.options?.url ?? calledUrl,
      headers: record.headers,
      body,
      receivedAt: Date.parse(record.receivedAt),
    },
    input.secret,
    input.options,
  );
}
