// Builds the stored requests the scheme tests verify.
import type { HeaderPair } from "../capture/headers.ts";
import { utf8 } from "./crypto.ts";
import type { SignedRequest } from "./types.ts";

export function storedRequest(
  headers: HeaderPair[],
  body: string | Uint8Array<ArrayBuffer>,
  extra: { url?: string; receivedAt?: number } = {},
): SignedRequest {
  return {
    method: "POST",
    url: extra.url ?? "https://hooks.example/h/token/webhook",
    headers,
    body: typeof body === "string" ? utf8(body) : body,
    receivedAt: extra.receivedAt ?? Date.now(),
  };
}

/** The same request with one byte of its body changed, as a proxy that rewrote it would leave it. */
export function withOneByteChanged(request: SignedRequest): SignedRequest {
  const body = new Uint8Array(request.body);
  body[body.length - 1] = (body[body.length - 1] as number) ^ 1;
  return { ...request, body };
}

/** The same request without the named header (case-insensitive). */
export function without(request: SignedRequest, name: string): SignedRequest {
  return { ...request, headers: request.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()) };
}

/** The same request with the named header's value replaced. */
export function replaced(request: SignedRequest, name: string, value: string): SignedRequest {
  return { ...without(request, name), headers: [...without(request, name).headers, [name, value]] };
}
