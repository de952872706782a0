// @ts-check
// check_signature: whether a captured request's signature verifies with a secret, and if not why,
// through the server's verify API (lib/signatures), over the stored bytes. The secret travels to
// the configured server for that one call only; the server neither stores nor logs it.
import { z } from "zod";
import { binKey, binParam } from "../bin-param.mjs";
import { toolResult } from "../result.mjs";

/** The schemes of lib/signatures/schemes.ts (a test keeps the two lists equal). */
export const SCHEME_IDS = /** @type {const} */ ([
  "stripe",
  "github-sha256",
  "github-sha1",
  "shopify",
  "slack",
  "standard-webhooks",
  "twilio",
  "generic-hmac",
]);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

const genericOptions = z
  .object({
    algorithm: z.enum(["sha1", "sha256", "sha512"]),
    header: z.string().regex(HEADER_NAME).describe("The header carrying the signature, e.g. X-Signature."),
    encoding: z.enum(["hex", "base64"]).describe("How the signature is written in the header."),
    prefix: z.string().max(100).optional().describe("Text before the signature in the header, e.g. sha256=."),
    timestampHeader: z
      .string()
      .regex(HEADER_NAME)
      .optional()
      .describe("A header holding a Unix time in seconds that is signed along with the body."),
    template: z
      .string()
      .max(1000)
      .optional()
      .describe(
        "What is signed when timestampHeader is set: {timestamp} and {body} are replaced (default {timestamp}.{body}).",
      ),
  })
  .strict();

/**
 * @param {import("./context.mjs").McpServer} server
 * @param {import("./context.mjs").ToolContext} context
 */
export function registerCheckSignature(server, { api }) {
  server.registerTool(
    "check_signature",
    {
      title: "Check a webhook signature",
      description:
        "Checks the signature of a captured request with a secret, over the bytes exactly as they were received, and says why it fails: wrong secret (mismatch), header missing or malformed, timestamp outside the tolerance (judged at the time Hookscope received it), or an unusable secret. Schemes: stripe, github-sha256 (X-Hub-Signature-256), github-sha1 (legacy X-Hub-Signature), shopify, slack, standard-webhooks (also Svix), twilio, generic-hmac (describe it in options.generic). The secret is sent to the Hookscope server for this check only and is not stored.",
      inputSchema: {
        bin: binParam,
        id: z.string().min(1).max(100).describe("The captured request's id."),
        scheme: z.enum(SCHEME_IDS).describe("The sender's signature scheme."),
        secret: z
          .string()
          .describe("The signing secret (e.g. Stripe's whsec_…, GitHub's webhook secret, Twilio's auth token)."),
        options: z
          .object({
            toleranceSeconds: z
              .number()
              .int()
              .min(0)
              .optional()
              .describe(
                "How old a signed timestamp may be, in seconds (the scheme's own default otherwise, 300 for most).",
              ),
            url: z
              .string()
              .max(2048)
              .optional()
              .describe(
                "twilio: the URL Twilio called, when it was not this server's capture URL (e.g. behind a tunnel).",
              ),
            generic: genericOptions.optional().describe("generic-hmac: how the sender signs."),
          })
          .strict()
          .optional(),
      },
      outputSchema: z.looseObject({
        valid: z.boolean(),
        reason: z
          .string()
          .optional()
          .describe(
            "When not valid: missing_header, malformed_header, timestamp_outside_tolerance, mismatch (wrong secret, or the body was changed) or invalid_secret.",
          ),
        message: z.string().describe("Why, in words."),
        expected: z.string().optional().describe("The signature computed over the stored bytes."),
        received: z.array(z.string()).optional().describe("The signature(s) the request carries."),
        signedPayload: z.string().optional().describe("What was signed, in words."),
        ageSeconds: z.number().optional().describe("How old the signed timestamp was when the request arrived."),
        toleranceSeconds: z.number().optional(),
      }),
      annotations: { readOnlyHint: true },
    },
    async ({ bin, id, scheme, secret, options }) => {
      const verdict = /** @type {Record<string, unknown>} */ (
        await api.post(`/api/bins/${binKey(bin)}/requests/${encodeURIComponent(id)}/verify`, {
          scheme,
          secret,
          ...(options ? { options } : {}),
        })
      );
      return toolResult(verdict);
    },
  );
}
