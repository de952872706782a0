// Suggests a scheme from the headers a request carries; generic HMAC when none is recognised.
import type { HeaderPair } from "../capture/headers.ts";
import type { SchemeId } from "./schemes.ts";

// In order: GitHub sends both X-Hub-Signature-256 and the legacy X-Hub-Signature, and the
// stronger one wins.
const SIGNS: [header: string, scheme: SchemeId][] = [
  ["stripe-signature", "stripe"],
  ["x-hub-signature-256", "github-sha256"],
  ["x-hub-signature", "github-sha1"],
  ["x-shopify-hmac-sha256", "shopify"],
  ["x-slack-signature", "slack"],
  ["webhook-signature", "standard-webhooks"],
  ["svix-signature", "standard-webhooks"],
  ["x-twilio-signature", "twilio"],
];

export function detectScheme(headers: readonly HeaderPair[]): SchemeId | null {
  const present = new Set(headers.map(([name]) => name.toLowerCase()));
  return SIGNS.find(([header]) => present.has(header))?.[1] ?? null;
}
