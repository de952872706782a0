// SQLite's failures as the storage boundary reports them (lib/storage/types.ts): "disk full",
// "busy/locked" and I/O errors become storage_unavailable, counted; ApiErrors pass as they are;
// anything else is a bug and goes on unchanged.
import { ApiError, isStorageUnavailable } from "../../errors.ts";
import { recordStorageError } from "../../metrics.ts";
import { type AsyncMethods, withErrorTranslation } from "../translate-errors.ts";

/**
 * Prisma reports SQLITE_BUSY (the database stayed locked past the busy timeout) as P1008,
 * "Operation has timed out", with no SQLite code left in the error.
 */
const isLockTimeout = (err: unknown) => (err as { code?: unknown } | null)?.code === "P1008";

export function translateError(err: unknown): unknown {
  if (err instanceof ApiError || !(isStorageUnavailable(err) || isLockTimeout(err))) return err;
  recordStorageError();
  return new ApiError("storage_unavailable", "The database is unavailable (full or locked). Try again shortly.");
}

/** The same methods, each rejecting with translateError's answer. */
export function withStorageErrors<T extends AsyncMethods>(methods: T): T {
  return withErrorTranslation(methods, translateError);
}
