// The server's side of SQLite storage: start-up migrations with Prisma's schema engine (in a
// child process, see lib/db/migrate-on-start.ts) and the capture writer, whose thread commits
// batches on a connection of its own (lib/capture/writer.ts). One process per database file, so
// live events stay in the process.
import { CaptureWriter, sqliteWriterThread } from "../../capture/writer.ts";
import { applyMigrationsOnStart } from "../../db/migrate-on-start.ts";
import { InProcessEventBus } from "../../events/bus.ts";
import type { CaptureWriterOptions, StorageServer } from "../types.ts";

export interface SqliteConfig {
  /** Absolute path of the database file. */
  file: string;
  synchronous: "normal" | "full";
  busyTimeoutMs: number;
}

export function createSqliteServer(config: SqliteConfig): StorageServer {
  return {
    migrate: () => applyMigrationsOnStart(config.file),
    openCaptureWriter: (options: CaptureWriterOptions) =>
      new CaptureWriter(
        sqliteWriterThread({
          databaseFile: config.file,
          synchronous: config.synchronous,
          busyTimeoutMs: config.busyTimeoutMs,
          ...options,
        }),
      ),
    openEventBus: async () => Object.assign(new InProcessEventBus(), { close: async () => {} }),
  };
}
