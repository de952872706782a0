// Input of POST /api/bins/{key}/requests/{id}/verify. The secret is used for that one call: it is
// neither stored nor logged, and no validation message repeats it.
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

export const verifyInputSchema = z
  .object({
    scheme: z.enum(SCHEME_IDS),
    secret: z.string(),
    options: z
      .object({
        toleranceSeconds: z.number().int().min(0).optional(),
        /** Twilio signs the URL it called; by default the capture URL this server shows. */
        url: z
          .url({ protocol: /^https?$/ })
          .max(2048)
          .optional(),
        generic: genericHmacSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((input) => input.scheme !== "generic-hmac" || input.options?.generic !== undefined, {
    message: "generic-hmac needs options.generic (algorithm, header, encoding)",
    path: ["options", "generic"],
  });

export type VerifyInput = z.infer<typeof verifyInputSchema>;
