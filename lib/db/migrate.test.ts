import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookscope-migrate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const migrationNames = fs
  .readdirSync(path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
  } finally {
    db.close();
  }
}

describe("applyMigrations", () => {
  it("creates a missing database file (and its folder) with every migration applied", async () => {
    const file = path.join(dir, "first", "nested", "hookscope.db");
    expect(await applyMigrations(file)).toEqual(migrationNames);
    expect(tables(file)).toEqual(expect.arrayContaining(["Bin", "CapturedRequest", "_prisma_migrations"]));
  });

  it("applies nothing to a database that is up to date", async () => {
    const file = path.join(dir, "first", "nested", "hookscope.db");
    expect(await applyMigrations(file)).toEqual([]);
  });

  it("migrates a second new database in the same process", async () => {
    const file = path.join(dir, "second.db");
    expect(await applyMigrations(file)).toEqual(migrationNames);
    expect(tables(file)).toEqual(expect.arrayContaining(["Bin", "CapturedRequest"]));
  });
});
