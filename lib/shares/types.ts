// The API shapes of share links, shared by the route handlers and the UI.
import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";

/** A share link as its bin's owner sees it. */
export interface ShareJson {
  id: string;
  name: string | null;
  /** `{base}/s/{id}`: the read-only inspector. */
  url: string;
  createdAt: string;
}

/** What a share link tells of its bin: nothing that sends to it, opens it or says where it forwards. */
export interface SharedBinJson {
  name: string | null;
  createdAt: string;
  lastRequestAt: string | null;
  requestCount: number;
}

export const shareJsonSchema = z.strictObject({
  id: z.string(),
  name: z.string().nullable(),
  url: z.url().describe("`{base}/s/{id}`: the read-only inspector."),
  createdAt: z.iso.datetime(),
});

export const shareListSchema = z.strictObject({ shares: z.array(shareJsonSchema) });

export const sharedBinJsonSchema = z.strictObject({
  name: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastRequestAt: z.iso.datetime().nullable(),
  requestCount: z.number().int().min(0),
});

export type ShareShapesMatchSchemas = [
  Holds<SameShape<ShareJson, z.infer<typeof shareJsonSchema>>>,
  Holds<SameShape<SharedBinJson, z.infer<typeof sharedBinJsonSchema>>>,
];
