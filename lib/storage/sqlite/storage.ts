// Storage on one SQLite file, through Prisma (better-sqlite3 adapter). New captures are written
// by the capture writer that lib/storage/sqlite/server.ts opens.
import { ApiError } from "../../errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Storage } from "../types.ts";
import { sqliteAttempts } from "./attempts.ts";
import { sqliteBins } from "./bins.ts";
import { withStorageErrors } from "./errors.ts";
import { sqliteImports } from "./imports.ts";
import { sqliteOutbox } from "./outbox.ts";
import { sqliteRequests } from "./requests.ts";
import { sqliteShares } from "./shares.ts";

/** A Storage reading through `client`; close() ends with `disconnect`. */
export function createSqliteStorage(
  client: PrismaClient,
  disconnect: () => Promise<void> = () => client.$disconnect(),
): Storage {
  return {
    ...withStorageErrors({
      ...sqliteBins(client),
      ...sqliteRequests(client),
      ...sqliteImports(client, { textHoldsNul: true }),
      ...sqliteAttempts(client),
      ...sqliteShares(client),
      ...sqliteOutbox(client),
    }),

    ping: async () => {
      try {
        await client.bin.findFirst({ select: { id: true } });
      } catch {
        throw new ApiError("storage_unavailable", "The database cannot be read.");
      }
    },

    close: disconnect,
  };
}
