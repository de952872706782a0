// The shapes shared by every signature scheme, the panel and the verify API.
import type { HeaderPair } from "../capture/headers.ts";

/** A stored request as its sender signed it. */
export interface SignedRequest {
  method: string;
  /** The full URL the sender called (scheme, host, path, query): only Twilio signs it. */
  url: string;
  headers: readonly HeaderPair[];
  /** The body exactly as received. */
  body: Uint8Array<ArrayBuffer>;
  /** When Hookscope received it (ms since the epoch): signed timestamps are judged against this. */
  receivedAt: number;
}

export type FailureReason =
  | "missing_header"
  | "malformed_header"
  | "timestamp_outside_tolerance"
  | "mismatch"
  | "invalid_secret";

/** What was computed, so the panel can say why. */
export interface Computed {
  /** The signature computed over the stored bytes, in the header's encoding. */
  expected?: string;
  /** The signature(s) the request carries. */
  received?: string[];
  /** What was signed, in words, e.g. `t + "." + body (312 bytes)`. */
  signedPayload?: string;
  /** How old the signed timestamp was when Hookscope received the request (negative: in the future). */
  ageSeconds?: number;
  toleranceSeconds?: number;
}

export type VerifyResult = Computed &
  ({ valid: true; message: string } | { valid: false; reason: FailureReason; message: string });
