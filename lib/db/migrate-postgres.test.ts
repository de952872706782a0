// PostgreSQL's start-up migrations on a real cluster (tests/support/postgres.ts): the tables as
// the contract needs them, several instances starting at once, and a migration applied as one
// script, atomically.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../tests/support/postgres.ts";
import { applyPostgresMigrations } from "./migrate-postgres.ts";
import { postgresMigrationsDir, readMigrationFolders } from "./migration-status.ts";

const names = readMigrationFolders(postgresMigrationsDir).map((f) => f.name);
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The project's migrations plus one more whose script is `script`. */
function migrationsWith(script: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hookscope-pg-migrations-"));
  dirs.push(dir);
  cpSync(postgresMigrationsDir, dir, { recursive: true });
  mkdirSync(path.join(dir, "29991231000000_extra"));
  writeFileSync(path.join(dir, "29991231000000_extra", "migration.sql"), script);
  return dir;
}

describe("PostgreSQL migrations", () => {
  it("are applied once when several instances start at once, then found up to date", async () => {
    const url = await createDatabase(inject("postgresUrl"));
    const runs = await Promise.all([1, 2, 3].map(() => applyPostgresMigrations(url)));
    expect(runs.flat().sort()).toEqual(names);
    expect(await applyPostgresMigrations(url)).toEqual([]);
    const applied = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM _prisma_migrations`);
    expect(applied[0]?.n).toBe(names.length);
  });

  it("store times as timestamptz(3), bodies as bytea and headers as text", async () => {
    const url = await createDatabase(inject("postgresUrl"));
    await applyPostgresMigrations(url);
    const columns = await query<{ column_name: string; data_type: string; datetime_precision: number | null }>(
      url,
      `SELECT column_name, data_type, datetime_precision FROM information_schema.columns WHERE table_name = 'CapturedRequest'`,
    );
    const typeOf = (name: string) => columns.find((c) => c.column_name === name);
    expect(typeOf("receivedAt")).toMatchObject({ data_type: "timestamp with time zone", datetime_precision: 3 });
    expect(typeOf("body")?.data_type).toBe("bytea");
    expect(typeOf("headers")?.data_type).toBe("text");
  });

  it("run a migration as one script: a `;` inside a function body or a string is kept", async () => {
    const url = await createDatabase(inject("postgresUrl"));
    const dir = migrationsWith(
      `CREATE FUNCTION "two_statements"() RETURNS text LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; RETURN 'a;b'; END $$;\n`,
    );
    expect(await applyPostgresMigrations(url, dir)).toEqual([...names, "29991231000000_extra"]);
    expect(await query(url, `SELECT "two_statements"() AS "v"`)).toEqual([{ v: "a;b" }]);
  });

  it("leave nothing of a migration that fails part-way", async () => {
    const url = await createDatabase(inject("postgresUrl"));
    const dir = migrationsWith(`CREATE TABLE "Half" ("id" TEXT);\nSELECT 1 / 0;\n`);
    await expect(applyPostgresMigrations(url, dir)).rejects.toThrow(/division by zero/);
    expect(await query(url, `SELECT to_regclass('"Half"') IS NULL AS "gone"`)).toEqual([{ gone: true }]);
  });
});
