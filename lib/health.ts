import { z } from "zod";
import { storage } from "./storage/index.ts";

/** GET /api/health's answer once the server can capture. */
export const healthSchema = z.strictObject({ ok: z.literal(true) });

/** Throws storage_unavailable unless the database answers a query. */
export async function checkDatabase(): Promise<void> {
  await storage().ping();
}
