// The server's side of PostgreSQL storage: start-up migrations (lib/db/migrate-postgres.ts, safe
// when several instances start at once, run in a child process like SQLite's when any is
// pending) and the capture writer on `pg`.
import { applyPostgresMigrationsOnStart } from "../../db/migrate-on-start.ts";
import type { CaptureWriterOptions, StorageServer } from "../types.ts";
import { PostgresCaptureWriter } from "./capture-writer.ts";
import type { PostgresOptions } from "./client.ts";

export function createPostgresServer(options: Omit<PostgresOptions, "poolSize">): StorageServer {
  return {
    migrate: () => applyPostgresMigrationsOnStart(options.url),
    openCaptureWriter: (writerOptions: CaptureWriterOptions) =>
      new PostgresCaptureWriter({ ...options, maxRequestsPerBin: writerOptions.maxRequestsPerBin }),
  };
}
