import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate.ts";
import { type MigrationFolder, migrationsUpToDate, readMigrationFolders } from "./migration-status.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookscope-migration-status-"));
const migrated = path.join(dir, "migrated.db");
const folders = readMigrationFolders();
let copies = 0;

beforeAll(async () => {
  await applyMigrations(migrated);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrated database, changed by `sql` when given. */
function migratedCopy(sql?: string): string {
  const file = path.join(dir, `copy-${++copies}.db`);
  fs.copyFileSync(migrated, file);
  if (sql) {
    const db = new Database(file);
    db.exec(sql);
    db.close();
  }
  return file;
}

const last = folders.at(-1) as MigrationFolder;

describe("migrationsUpToDate", () => {
  it("is false for a database file that does not exist yet", () => {
    expect(migrationsUpToDate(path.join(dir, "missing.db"), folders)).toBe(false);
  });

  it("is false for a database without Prisma's migrations table", () => {
    const file = path.join(dir, "empty.db");
    new Database(file).close();
    expect(migrationsUpToDate(file, folders)).toBe(false);
  });

  it("is true once every migration folder has been applied", () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(migrationsUpToDate(migratedCopy(), folders)).toBe(true);
  });

  it("is false when a migration folder has not been applied", () => {
    const pending = { name: "29991231000000_later", script: "CREATE TABLE later (id TEXT);\n" };
    expect(migrationsUpToDate(migratedCopy(), [...folders, pending])).toBe(false);
  });

  it("is false when an applied migration's script has been edited since", () => {
    const edited = folders.map((f) => (f === last ? { ...f, script: `${f.script}\n-- edited\n` } : f));
    expect(migrationsUpToDate(migratedCopy(), edited)).toBe(false);
  });

  it("still matches a script checked out with CRLF line endings, as Prisma does", () => {
    const crlf = folders.map((f) => ({ ...f, script: f.script.replaceAll("\n", "\r\n") }));
    expect(migrationsUpToDate(migratedCopy(), crlf)).toBe(true);
  });

  it("is false when a migration failed, so that the schema engine reports it", () => {
    const file = migratedCopy(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${last.name}'`);
    expect(migrationsUpToDate(file, folders)).toBe(false);
  });

  it("ignores a rolled-back attempt of a migration that was applied afterwards", () => {
    const file = migratedCopy(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, rolled_back_at, applied_steps_count)
       VALUES ('rolled-back', 'x', '${last.name}', 0, 1, 0)`,
    );
    expect(migrationsUpToDate(file, folders)).toBe(true);
  });

  it("is false when the database records a migration that has no folder", () => {
    expect(migrationsUpToDate(migratedCopy(), folders.slice(0, -1))).toBe(false);
  });
});
