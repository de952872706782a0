// The schemes the panel offers and the verify API accepts, and the one entry point to them.
import { type GenericHmacOptions, verifyGenericHmac } from "./generic-hmac.ts";
import { verifyGitHub } from "./github.ts";
import { verifyShopify } from "./shopify.ts";
import { SLACK_DEFAULT_TOLERANCE_SECONDS, verifySlack } from "./slack.ts";
import { STANDARD_WEBHOOKS_DEFAULT_TOLERANCE_SECONDS, verifyStandardWebhooks } from "./standard-webhooks.ts";
import { STRIPE_DEFAULT_TOLERANCE_SECONDS, verifyStripe } from "./stripe.ts";
import { verifyTwilio } from "./twilio.ts";
import type { SignedRequest, VerifyResult } from "./types.ts";

export const SCHEME_IDS = [
  "stripe",
  "github-sha256",
  "github-sha1",
  "shopify",
  "slack",
  "standard-webhooks",
  "twilio",
  "generic-hmac",
] as const;

export type SchemeId = (typeof SCHEME_IDS)[number];

export interface Scheme {
  id: SchemeId;
  label: string;
  /** What the sender calls the secret, for the input's label. */
  secretName: string;
  /** The default tolerance for schemes that sign a timestamp; absent for those that do not. */
  toleranceSeconds?: number;
}

export const SCHEMES: readonly Scheme[] = [
  {
    id: "stripe",
    label: "Stripe",
    secretName: "Endpoint signing secret (whsec_…)",
    toleranceSeconds: STRIPE_DEFAULT_TOLERANCE_SECONDS,
  },
  { id: "github-sha256", label: "GitHub (X-Hub-Signature-256)", secretName: "Webhook secret" },
  { id: "github-sha1", label: "GitHub legacy (X-Hub-Signature, SHA-1)", secretName: "Webhook secret" },
  { id: "shopify", label: "Shopify", secretName: "Client secret" },
  { id: "slack", label: "Slack", secretName: "Signing secret", toleranceSeconds: SLACK_DEFAULT_TOLERANCE_SECONDS },
  {
    id: "standard-webhooks",
    label: "Standard Webhooks / Svix",
    secretName: "Signing secret (whsec_…)",
    toleranceSeconds: STANDARD_WEBHOOKS_DEFAULT_TOLERANCE_SECONDS,
  },
  { id: "twilio", label: "Twilio", secretName: "Auth token" },
  { id: "generic-hmac", label: "Generic HMAC", secretName: "Secret" },
];

export interface VerifyOptions {
  /** For the schemes that sign a timestamp (and generic HMAC with a timestamp header). */
  toleranceSeconds?: number;
  /** Required for generic-hmac. */
  generic?: GenericHmacOptions;
}

export const DEFAULT_GENERIC_OPTIONS: GenericHmacOptions = {
  algorithm: "sha256",
  header: "X-Signature",
  encoding: "hex",
  prefix: "",
};

/** Verifies `request` under `scheme` with `secret`; never throws for anything the request carries. */
export function verifySignature(
  scheme: SchemeId,
  request: SignedRequest,
  secret: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const tolerance = { toleranceSeconds: options.toleranceSeconds };
  switch (scheme) {
    case "stripe":
      return verifyStripe(request, secret, tolerance);
    case "github-sha256":
      return verifyGitHub(request, secret, "sha256");
    case "github-sha1":
      return verifyGitHub(request, secret, "sha1");
    case "shopify":
      return verifyShopify(request, secret);
    case "slack":
      return verifySlack(request, secret, tolerance);
    case "standard-webhooks":
      return verifyStandardWebhooks(request, secret, tolerance);
    case "twilio":
      return verifyTwilio(request, secret);
    case "generic-hmac":
      return verifyGenericHmac(request, secret, {
        ...(options.generic ?? DEFAULT_GENERIC_OPTIONS),
        toleranceSeconds: options.toleranceSeconds ?? options.generic?.toleranceSeconds,
      });
  }
}
