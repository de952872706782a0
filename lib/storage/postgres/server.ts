// The server's side of PostgreSQL storage: start-up migrations (lib/db/migrate-postgres.ts, safe
// when several instances start at once, run in a child process like SQLite's when any is
// pending) and the capture writer on `pg`, on a thread of its own like SQLite's: its round trips
// to the database are not held up behind the HTTP work of the server's event loop.
import { randomUUID } from "node:crypto";
import { CaptureWriter } from "../../capture/writer.ts";
import { applyPostgresMigrationsOnStart } from "../../db/migrate-on-start.ts";
import { PostgresEventBus } from "../../events/postgres-bus.ts";
import type { CaptureWriterOptions, EventBusOptions, StorageServer } from "../types.ts";
import type { PostgresWriterOptions } from "./capture-writer.ts";
import { type PostgresOptions, sessionOptions } from "./client.ts";
import { poolConfig } from "./pool-config.ts";

export function createPostgresServer(options: Omit<PostgresOptions, "poolSize">): StorageServer {
  // The writer's notices name this process, so that its event bus skips its own captures.
  const origin = randomUUID();
  return {
    migrate: () => applyPostgresMigrationsOnStart(options.url),
    openCaptureWriter: (writerOptions: CaptureWriterOptions) =>
      new CaptureWriter({
        // Beside this module, or beside the bundled server in dist/.
        url: new URL("./postgres-writer-thread.mjs", import.meta.url),
        options: { ...options, ...writerOptions, origin } satisfies PostgresWriterOptions,
      }),
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
