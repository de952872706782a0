import type { Rule } from "../rules/schema.ts";
import type { SavedSecretJson } from "../signatures/saved.ts";
import type { BinResponse } from "./response.ts";

export interface BinJson {
  /** Lets anyone send to the bin (its captureUrl), nothing more. */
  token: string;
  /** Opens the bin: its inspectUrl, API and live stream. */
  key: string;
  name: string | null;
  captureUrl: string;
  inspectUrl: string;
  createdAt: string;
  lastRequestAt: string | null;
  requestCount: number;
  forwardUrl: string | null;
  response: BinResponse;
  /** The answer rules, first match wins; signing secrets are never shown, only `sign.maskedSecret`. */
  rules: Rule[];
  /** Secrets saved for the signature check, one per scheme at most; only masked. */
  signingSecrets: SavedSecretJson[];
}
