// Inputs of the bin API, shared by route handlers and forms.
import { z } from "zod";
import { rulesSchema } from "../rules/schema.ts";
import { binResponseSchema } from "./response.ts";

const name = z.string().trim().max(100, "a name is at most 100 characters").nullable();

const forwardUrl = z
  .url({ protocol: /^https?$/, message: "forwardUrl must be an http(s) URL" })
  .max(2048)
  .nullable();

export const createBinSchema = z
  .object({
    name: name.optional(),
    response: binResponseSchema.optional(),
  })
  .strict();

export const updateBinSchema = z
  .object({
    name: name.optional(),
    response: binResponseSchema.optional(),
    /** Replaces the bin's answer rules (see lib/rules/stored.ts for what is checked beyond the schema). */
    rules: rulesSchema.optional(),
    forwardUrl: forwardUrl.optional(),
  })
  .strict();

export const rotateBinSchema = z
  .object({
    secret: z.enum(["key", "token"], { message: 'secret must be "key" or "token"' }),
  })
  .strict();

export type CreateBinInput = z.infer<typeof createBinSchema>;
export type UpdateBinInput = z.infer<typeof updateBinSchema>;
export type RotateBinInput = z.infer<typeof rotateBinSchema>;

/** GET /api/bins: a name to search for, and how many bins (1 to 100, 50 by default). */
export const listBinsSchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
