// The server's start-up migrations. Prisma's schema engine is WebAssembly that leaves about
// 30 MiB behind in the process that ran it, so the server loads it only when a migration is
// pending, and then in a short-lived child process whose memory goes when it exits.
import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { withoutPassword } from "../storage/database-url.ts";
import { postgresMigrationsUpToDate } from "./migrate-postgres.ts";
import { enableWal, migrationsUpToDate } from "./migration-status.ts";

/** What the child (migrate-child.ts) reports before it exits. */
export type MigrateChildResult = { ok: true; applied: string[] } | { ok: false; message: string };

// From source this is the .mjs shim beside this file; in the build, the bundled child in dist/.
const childUrl = new URL("./migrate-process.mjs", import.meta.url);

/** Applies pending migrations to the SQLite file (created when missing). Returns the names applied. */
export async function applyMigrationsOnStart(file: string): Promise<string[]> {
  mkdirSync(path.dirname(file), { recursive: true });
  enableWal(file);
  if (migrationsUpToDate(file)) return [];
  return runChild(file, { HOOKSCOPE_MIGRATE_TARGET: file });
}

/** Applies pending migrations to the PostgreSQL database of `url`. Returns the names applied. */
export async function applyPostgresMigrationsOnStart(url: string): Promise<string[]> {
  if (await postgresMigrationsUpToDate(url)) return [];
  return runChild(withoutPassword(url), { HOOKSCOPE_MIGRATE_TARGET: url });
}

/**
 * Runs migrate-child.ts on `target`, given in its environment, never in its arguments, which any
 * user of the machine may read (a PostgreSQL URL may hold a password); `shown` names it in errors.
 */
function runChild(shown: string, target: { HOOKSCOPE_MIGRATE_TARGET: string }): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // No inherited flags: an --inspect port or a heap limit is the server's, not the child's.
    const child = fork(childUrl, [], {
      execArgv: [],
      env: { ...process.env, ...target },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: MigrateChildResult | undefined;
    child.once("message", (msg: MigrateChildResult) => {
      result = msg;
    });
    child.once("error", (err) => reject(new Error(`cannot run the migrations: ${err.message}`)));
    // "close" rather than "exit": it comes after the IPC channel has delivered the result.
    child.once("close", (code, signal) => {
      if (result?.ok) resolve(result.applied);
      else if (result) reject(new Error(`migrating ${shown} failed: ${result.message}`));
      else reject(new Error(`migrating ${shown} failed: the migration process exited (${signal ?? `code ${code}`})`));
    });
  });
}
