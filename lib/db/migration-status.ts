// Whether a database needs Prisma's schema engine at all. The engine is WebAssembly that costs a
// server about 30 MiB it never gives back, so a start on an up-to-date database must not load it:
// this reads _prisma_migrations (better-sqlite3 here, pg in lib/db/migrate-postgres.ts) and
// compares it with the provider's migrations folder the way Prisma records migrations (folder
// name and SHA-256 of migration.sql).

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { projectRoot } from "../root.ts";

/** SQLite's migrations (the folder Prisma's CLI uses by default). */
export const migrationsDir = path.join(projectRoot(), "prisma", "migrations");
/** PostgreSQL's migrations. */
export const postgresMigrationsDir = path.join(projectRoot(), "prisma", "postgres", "migrations");

export interface MigrationFolder {
  /** The folder name, which Prisma stores as migration_name. */
  name: string;
  script: string;
}

/** The folders of prisma/migrations in the order Prisma applies them. */
export function readMigrationFolders(dir = migrationsDir): MigrationFolder[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name, script: readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Prisma's checksum is the SHA-256 of migration.sql; like Prisma, a script whose only change is
 * its line endings (a checkout with CRLF) still matches.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  return [script, script.replaceAll("\r\n", "\n"), script.replaceAll(/\r?\n/g, "\r\n")].some(
    (variant) => sha256(variant) === checksum,
  );
}

export interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/**
 * True when every folder is recorded as applied with its checksum and nothing else is recorded
 * that is not rolled back. Anything else (a new database, a pending, edited, failed or unknown
 * migration) is for the schema engine to apply or to report.
 */
export function migrationsUpToDate(file: string, folders: MigrationFolder[] = readMigrationFolders()): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const rows = db
      .prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations")
      .all() as MigrationRow[];
    return rowsMatchFolders(rows, folders);
  } finally {
    db.close();
  }
}

/** The rows of _prisma_migrations record exactly the folders, each applied with its checksum. */
export function rowsMatchFolders(allRows: MigrationRow[], folders: MigrationFolder[]): boolean {
  const rows = allRows.filter((row) => row.rolled_back_at === null);
  if (rows.some((row) => row.finished_at === null)) return false;
  if (rows.length !== folders.length) return false;
  return folders.every((folder) =>
    rows.some((row) => row.migration_name === folder.name && scriptMatchesChecksum(folder.script, row.checksum)),
  );
}

/** WAL lets readers work while captures commit; the mode is stored in the file itself. */
export function enableWal(file: string): void {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}
