// Storage on PostgreSQL, through Prisma (@prisma/adapter-pg). New captures are written by the
// capture writer that lib/storage/postgres/server.ts opens.
import { ApiError } from "../../errors.ts";
import type { PrismaClient as SqliteClient } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../generated/prisma-postgres/client.ts";
import { sqliteAttempts } from "../sqlite/attempts.ts";
import { sqliteBins } from "../sqlite/bins.ts";
import { sqliteImports } from "../sqlite/imports.ts";
import { sqliteRequests } from "../sqlite/requests.ts";
import { sqliteShares } from "../sqlite/shares.ts";
import type { Storage } from "../types.ts";
import { postgresBins } from "./bins.ts";
import { withStorageErrors } from "./errors.ts";
import { postgresOutbox } from "./outbox.ts";
import { announceImport, lockBin, postgresRequests } from "./requests.ts";

/** A Storage reading through `client`; close() ends with `disconnect`. */
export function createPostgresStorage(
  client: PrismaClient,
  disconnect: () => Promise<void> = () => client.$disconnect(),
): Storage {
  // Both clients are generated from the same models (prisma/models.prisma), so their model API
  // is the same; only their types are generated apart. The Prisma queries that mean the same on
  // both providers are shared through this view; what differs (raw SQL, locking) is
  // postgresRequests, which comes last and so takes precedence.
  const shared = client as unknown as SqliteClient;
  return {
    ...withStorageErrors({
      ...sqliteBins(shared),
      ...sqliteRequests(shared, lockBin),
      ...sqliteImports(shared, { textHoldsNul: false, announce: announceImport }),
      ...sqliteAttempts(shared),
      ...sqliteShares(shared),
      ...postgresRequests(client),
      ...postgresBins(client),
      ...postgresOutbox(client),
    }),

    ping: async () => {
      try {
        await client.$queryRaw`SELECT 1`;
      } catch {
        throw new ApiError("storage_unavailable", "The database cannot be reached.");
      }
    },

    close: disconnect,
  };
}
