// Input of POST /api/bins/{key}/replay, shared by the route handler and the inspector's form.
import { z } from "zod";

export const replayInputSchema = z
  .object({
    url: z.string().min(1, "url is required").max(2048, "url is at most 2048 characters"),
    /** These captures of the bin. */
    ids: z.array(z.string().min(1).max(64)).min(1, "ids needs at least one id").max(10_000).optional(),
    /** Every capture of the bin that the list would show with these filters ({} for all). */
    filter: z
      .object({
        method: z.string().max(200).optional(),
        q: z.string().max(500).optional(),
        /** Only redeliveries (attempt > 1), as the list's `redelivered=true`. */
        redelivered: z.boolean().optional(),
      })
      .strict()
      .optional(),
    repeat: z.number().int().min(1, "repeat is at least 1").max(1_000_000).default(1),
    paceMs: z.number().int().min(0, "paceMs is at least 0").max(86_400_000).default(0),
  })
  .strict()
  .refine((input) => (input.ids === undefined) !== (input.filter === undefined), {
    message: "give either ids or filter (filter: {} replays every capture of the bin)",
  });

export type ReplayInput = z.infer<typeof replayInputSchema>;
export type ReplayFilter = NonNullable<ReplayInput["filter"]>;
/** What the inspector sends: repeat and paceMs may be left to their defaults. */
export type ReplayRequest = z.input<typeof replayInputSchema>;
