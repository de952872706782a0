// Input of the share-link API, shared by the route handler and the settings form.
import { z } from "zod";

export const createShareSchema = z
  .object({
    name: z.string().trim().max(100, "a name is at most 100 characters").nullable().optional(),
  })
  .strict();

export type CreateShareInput = z.infer<typeof createShareSchema>;
