import { db } from "./db/client.ts";
import { ApiError } from "./errors.ts";

/** Throws storage_unavailable unless the database answers a query. */
export async function checkDatabase(): Promise<void> {
  try {
    await db().bin.findFirst({ select: { id: true } });
  } catch {
    throw new ApiError("storage_unavailable", "The database cannot be read.");
  }
}
