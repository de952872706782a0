import { storage } from "./storage/index.ts";

/** Throws storage_unavailable unless the database answers a query. */
export async function checkDatabase(): Promise<void> {
  await storage().ping();
}
