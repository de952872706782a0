// What a resend sends: the captured request with the caller's overrides, headers filtered and
// framing recomputed for the target.
import type { HeaderPair } from "../capture/headers.ts";
import { ApiError } from "../errors.ts";
import { isOwnCaptureUrl } from "../self-address.ts";
import { outgoingHeaders } from "./outgoing-headers.mjs";
import type { OutgoingRequest } from "./send.ts";
import { parseTargetUrl, type TargetUrl } from "./target-url.ts";

/** The captured request a resend starts from. */
export interface ResendSource {
  id: string;
  method: string;
  headers: HeaderPair[];
  body: Buffer;
}

export interface Overrides {
  url: string;
  method?: string;
  /** Replaces the captured list when given. */
  headers?: HeaderPair[];
  body?: Buffer;
}

export interface PreparedAttempt extends OutgoingRequest {
  /** The url as given. */
  url: string;
}

/**
 * The url as a target; throws invalid_url or target_refused (400) when it cannot be used. Addresses
 * are checked later, as the name is resolved (send.ts).
 */
export function usableTarget(url: string): TargetUrl {
  const target = parseTargetUrl(url);
  if (isOwnCaptureUrl(target)) {
    throw new ApiError(
      "target_refused",
      "That URL is one of this server's own capture URLs: sending there would capture the request again (and loop when forwarding).",
    );
  }
  return target;
}

/** Throws invalid_url or target_refused (400) when the url cannot be used. */
export function prepareAttempt(source: ResendSource, overrides: Overrides): PreparedAttempt {
  const target = usableTarget(overrides.url);
  const method = overrides.method ?? source.method;
  const body = overrides.body ?? source.body;
  let pairs = overrides.headers ?? source.headers;
  if (target.credentials !== null && !pairs.some(([name]) => name.toLowerCase() === "authorization")) {
    pairs = [...pairs, ["Authorization", `Basic ${Buffer.from(target.credentials, "utf8").toString("base64")}`]];
  }
  // Each attempt has a connection of its own; saying so here (rather than letting Node add it)
  // keeps the recorded sentHeaders equal to what went out.
  const headers = [
    ...outgoingHeaders(pairs, { host: target.host, method, bodyLength: body.length }),
    ["Connection", "close"] as HeaderPair,
  ];
  return { url: overrides.url, target, method, headers, body };
}
