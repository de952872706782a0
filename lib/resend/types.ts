// The API shape of a resend attempt (manual or automatic), shared by the server and the UI.
import type { HeaderPair } from "../capture/headers.ts";

export interface ResendError {
  code: string;
  message: string;
}

interface ResendCommon {
  id: string;
  /** The target's status; null when it did not answer. */
  status: number | null;
  /** The target's answer headers as sent; null when it did not answer. */
  headers: HeaderPair[] | null;
  /** True when the answer body was longer than RESEND_MAX_RESPONSE_BYTES and was cut there. */
  bodyTruncated: boolean;
  durationMs: number;
  error: ResendError | null;
  url: string;
  method: string;
  /** The headers sent to the target, in order. */
  sentHeaders: HeaderPair[];
  createdAt: string;
  /** True when the attempt came from the bin's automatic forwarding. */
  auto: boolean;
}

/** The answer body: `body` when it is valid UTF-8 (null when there was no answer), else `bodyBase64`. */
export type ResendItem = ResendCommon & ({ body: string | null } | { bodyBase64: string });

export interface ResendList {
  resends: ResendItem[];
}
