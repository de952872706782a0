// The server's start-up migrations. Prisma's schema engine is WebAssembly that leaves about
// 30 MiB behind in the process that ran it, so the server loads it only when a migration is
// pending, and then in a short-lived child process whose memory goes when it exits.
import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
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
  return runChild(file);
}

function runChild(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // No inherited flags: an --inspect port or a heap limit is the server's, not the child's.
    const child = fork(childUrl, [file], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let result: MigrateChildResult | undefined;
    child.once("message", (msg: MigrateChildResult) => {
      result = msg;
    });
    child.once("error", (err) => reject(new Error(`cannot run the migrations: ${err.message}`)));
    // "close" rather than "exit": it comes after the IPC channel has delivered the result.
    child.once("close", (code, signal) => {
      if (result?.ok) resolve(result.applied);
      else if (result) reject(new Error(`migrating ${file} failed: ${result.message}`));
      else reject(new Error(`migrating ${file} failed: the migration process exited (${signal ?? `code ${code}`})`));
    });
  });
}
