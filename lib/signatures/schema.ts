// Input of POST /api/bins/{key}/requests/{id}/verify and of PUT /api/bins/{key}/signing-secrets/{scheme}.
// A secret sent to verify is used for that one call: it is neither stored nor logged. A secret sent
// to be saved is stored with the bin and shown masked from then on. No validation message repeats one.
import { z } from "zod";
import { SCHEME_IDS } from "./schemes.ts";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

const genericHmacSchema = z
  .object({
    algorithm: z.enum(["sha1", "sha256", "sha512"]),
    header: z.string().regex(HEADER_NAME, "header must be a header name"),
    encoding: z.enum(["hex", "base64"]),
    prefix: z.string().max(100).optional(),
    timestampHeader: z.string().regex(HEADER_NAME, "timestampHeader must be a header name").optional(),
    template: z.string().max(1000).optional(),
  })
  .strict();

const verifyOptionsSchema = z
  .object({
    toleranceSeconds: z.number().int().min(0).optional(),
    /** Twilio signs the URL it called; by default the capture URL this server shows. */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
    generic: genericHmacSchema.optional(),
  })
  .strict();

export type VerifyOptionsInput = z.infer<typeof verifyOptionsSchema>;

export const GENERIC_NEEDS_OPTIONS = "generic-hmac needs options.generic (algorithm, header, encoding)";

export const verifyInputSchema = z
  .object({
    scheme: z.enum(SCHEME_IDS),
    /** Omitted: the secret saved with the bin for this scheme, with its saved options under the ones given. */
    secret: z.string().optional(),
    options: verifyOptionsSchema.optional(),
  })
  .strict()
  .refine(
    (input) => input.scheme !== "generic-hmac" || input.secret === undefined || input.options?.generic !== undefined,
    { message: GENERIC_NEEDS_OPTIONS, path: ["options", "generic"] },
  );

export type VerifyInput = z.infer<typeof verifyInputSchema>;

export const schemeIdSchema = z.enum(SCHEME_IDS);

export const saveSecretInputSchema = z
  .object({
    secret: z.string().min(1).max(1024),
    /** Used whenever the saved secret is, under the options a verify call gives. */
    options: verifyOptionsSchema.optional(),
  })
  .strict();

export type SaveSecretInput = z.infer<typeof saveSecretInputSchema>;
