// The server process's side of storage (migrations, the capture writer), chosen by DATABASE_URL's
// scheme like storage() in lib/storage/index.ts. Only server.ts loads this module.
import { getEnv } from "../env.ts";
import { databaseTarget } from "./database-url.ts";
import { createPostgresServer } from "./postgres/server.ts";
import { createSqliteServer } from "./sqlite/server.ts";
import type { StorageServer } from "./types.ts";

export function openStorageServer(): StorageServer {
  const env = getEnv();
  const target = databaseTarget(env.DATABASE_URL);
  switch (target.kind) {
    case "sqlite":
      return createSqliteServer({
        file: target.file,
        synchronous: env.DB_SYNCHRONOUS,
        busyTimeoutMs: env.DB_BUSY_TIMEOUT_MS,
      });
    case "postgres":
      return createPostgresServer({
        url: target.url,
        lockTimeoutMs: env.DB_BUSY_TIMEOUT_MS,
        statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      });
  }
}
