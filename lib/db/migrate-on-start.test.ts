import * as childProcess from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { applyMigrationsOnStart } from "./migrate-on-start.ts";
import { migrationsUpToDate, readMigrationFolders } from "./migration-status.ts";

vi.mock("node:child_process", async (importOriginal) => {
  const actual = await importOriginal<typeof childProcess>();
  return { ...actual, fork: vi.fn(actual.fork) };
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookscope-migrate-on-start-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  vi.mocked(childProcess.fork).mockClear();
});

const names = readMigrationFolders().map((f) => f.name);
const last = names.at(-1);
let copies = 0;

/** A copy of the database the first test migrated, with `sql` run on the last migration's row. */
function copyWith(sql: string): string {
  const file = path.join(dir, `copy-${++copies}.db`);
  fs.copyFileSync(path.join(dir, "new", "hookscope.db"), file);
  const db = new Database(file);
  db.prepare(sql).run(last);
  db.close();
  return file;
}

describe("applyMigrationsOnStart", () => {
  it("applies every migration to a new database in a child process", async () => {
    const file = path.join(dir, "new", "hookscope.db");
    expect(await applyMigrationsOnStart(file)).toEqual(names);
    expect(childProcess.fork).toHaveBeenCalledTimes(1);
    expect(migrationsUpToDate(file)).toBe(true);
  });

  it("starts no child process for a database that is up to date", async () => {
    const file = path.join(dir, "new", "hookscope.db");
    expect(await applyMigrationsOnStart(file)).toEqual([]);
    expect(childProcess.fork).not.toHaveBeenCalled();
  });

  it("leaves an edited migration to the schema engine, which applies nothing", async () => {
    const file = copyWith("UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = ?");
    expect(await applyMigrationsOnStart(file)).toEqual([]);
    expect(childProcess.fork).toHaveBeenCalledTimes(1);
  });

  it("fails with the schema engine's reason when a migration had failed", async () => {
    const file = copyWith("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?");
    await expect(applyMigrationsOnStart(file)).rejects.toThrow(new RegExp(`failed migrations[\\s\\S]*${last}`));
  });
});
