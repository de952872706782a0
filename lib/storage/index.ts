// The process's Storage, chosen by DATABASE_URL's scheme (lib/storage/database-url.ts reads it;
// lib/storage/server.ts makes the same choice for the server's side). Each bundle (the custom
// server, Next's) holds its own Storage, so that the errors it throws are the ApiError class its
// own code checks for; both share one Prisma client (lib/storage/sqlite/client.ts,
// lib/storage/postgres/client.ts).
import { getEnv } from "../env.ts";
import { databaseTarget } from "./database-url.ts";
import { disconnectPostgresDb, postgresDb } from "./postgres/client.ts";
import { createPostgresStorage } from "./postgres/storage.ts";
import { db, disconnectDb } from "./sqlite/client.ts";
import { createSqliteStorage } from "./sqlite/storage.ts";
import type { Storage } from "./types.ts";

let current: Storage | undefined;

export function storage(): Storage {
  current ??= openStorage();
  return current;
}

function openStorage(): Storage {
  const env = getEnv();
  const target = databaseTarget(env.DATABASE_URL);
  switch (target.kind) {
    case "sqlite":
      return createSqliteStorage(db(), disconnectDb);
    case "postgres":
      return createPostgresStorage(
        postgresDb({
          url: target.url,
          lockTimeoutMs: env.DB_BUSY_TIMEOUT_MS,
          statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
          poolSize: env.DB_POOL_SIZE,
        }),
        disconnectPostgresDb,
      );
  }
}
