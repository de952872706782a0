// The server's side of PostgreSQL storage: start-up migrations (lib/db/migrate-postgres.ts, safe
// when several instances start at once, run in a child process like SQLite's when any is
// pending) and the capture writer on `pg`.
import { randomUUID } from "node:crypto";
import { applyPostgresMigrationsOnStart } from "../../db/migrate-on-start.ts";
import { PostgresEventBus } from "../../events/postgres-bus.ts";
import type { CaptureWriterOptions, EventBusOptions, StorageServer } from "../types.ts";
import { PostgresCaptureWriter } from "./capture-writer.ts";
import { type PostgresOptions, sessionOptions } from "./client.ts";
import { poolConfig } from "./pool-config.ts";

export function createPostgresServer(options: Omit<PostgresOptions, "poolSize">): StorageServer {
  // The writer's notices name this process, so that its event bus skips its own captures.
  const origin = randomUUID();
  return {
    migrate: () => applyPostgresMigrationsOnStart(options.url),
    openCaptureWriter: (writerOptions: CaptureWriterOptions) =>
      new PostgresCaptureWriter({ ...options, ...writerOptions, origin }),
    openEventBus: async (busOptions: EventBusOptions) => {
      const bus = new PostgresEventBus({
        connection: poolConfig(options.url, { options: sessionOptions(options) }),
        origin,
        reconnectMs: busOptions.reconnectMs,
        readAfter: busOptions.readAfter,
      });
      await bus.start();
      return bus;
    },
  };
}
