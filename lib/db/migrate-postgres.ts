// Applies PostgreSQL's Prisma migrations (prisma/postgres/migrations) with the WebAssembly schema
// engine (lib/db/migrate-engine.ts) through @prisma/adapter-pg. Several instances may start at
// once: each takes a session advisory lock before it looks, so one applies and the others then
// find the database up to date.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { DriverAdapterError, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { poolConfig } from "../storage/postgres/pool-config.ts";
import { filters, loadMigrations, migrationFolderName, schemaFiles, startEngine } from "./migrate-engine.ts";
import {
  type MigrationFolder,
  type MigrationRow,
  postgresMigrationsDir,
  readMigrationFolders,
  rowsMatchFolders,
} from "./migration-status.ts";

/** The advisory lock key of migrations (any constant: "hook" in ASCII). */
const MIGRATION_LOCK = 0x686f6f6b;

/**
 * The adapter runs a script by splitting it on `;`, one statement at a time: not atomic, and
 * wrong for a `;` inside a string or a function body. One migration is one simple-protocol query
 * instead, which PostgreSQL runs as one transaction.
 */
const wholeScripts =
  (client: pg.Pool) =>
  (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    Object.assign(Object.create(adapter) as SqlDriverAdapter, {
      executeScript: async (script: string) => {
        try {
          await client.query(script);
        } catch (err) {
          const e = err as pg.DatabaseError;
          if (typeof e.code !== "string") throw err;
          throw new DriverAdapterError({
            kind: "postgres",
            code: e.code,
            severity: e.severity ?? "ERROR",
            message: e.message,
            detail: e.detail,
            column: e.column,
            hint: e.hint,
          });
        }
      },
    });

async function upToDate(client: pg.Client, folders: MigrationFolder[]): Promise<boolean> {
  const { rows: table } = await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`);
  if (!table[0]?.exists) return false;
  const { rows } = await client.query<MigrationRow>(
    "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations",
  );
  return rowsMatchFolders(rows, folders);
}

/** True when every migration is applied to the database of `url` (read without taking the lock). */
export async function postgresMigrationsUpToDate(url: string): Promise<boolean> {
  const client = new pg.Client(poolConfig(url));
  await client.connect();
  try {
    return await upToDate(client, readMigrationFolders(postgresMigrationsDir));
  } finally {
    await client.end();
  }
}

/** Applies pending migrations (of `dir`) to the database of `url`. Returns the names applied. */
export async function applyPostgresMigrations(url: string, dir = postgresMigrationsDir): Promise<string[]> {
  const folders = readMigrationFolders(dir);
  const client = new pg.Client(poolConfig(url));
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    if (await upToDate(client, folders)) return [];
    const migrationsList = await loadMigrations(dir, folders);
    const pool = new pg.Pool(poolConfig(url, { max: 1 }));
    try {
      const { engine, close } = await startEngine("postgres", new PrismaPg(pool), wholeScripts(pool));
      try {
        const out = await engine.applyMigrations({ migrationsList, filters });
        return out.appliedMigrationNames;
      } finally {
        await close();
      }
    } finally {
      await pool.end();
    }
  } finally {
    // Ending the session releases the lock too, even when the unlock itself fails.
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/**
 * The SQL that takes PostgreSQL from the models in `previousModels` (the text of
 * prisma/models.prisma as it was; null for an empty database) to the models as they are now, or
 * null when they do not differ. The engine connects to `url` but reads nothing from it
 * (createMigration would instead use the database behind `url` as its shadow database).
 */
export async function diffPostgresModels(url: string, previousModels: string | null): Promise<string | null> {
  const files = await schemaFiles("postgres");
  const previous = files.map((f) =>
    f.path.endsWith("models.prisma") && previousModels !== null ? { ...f, content: previousModels } : f,
  );
  const factory = new PrismaPg(poolConfig(url, { max: 1 }));
  const { engine, close } = await startEngine("postgres", factory);
  try {
    const out = await engine.diff({
      from: previousModels === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: previous },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters,
    });
    return out.exitCode === 2 && out.stdout ? out.stdout : null;
  } finally {
    await close();
  }
}

/**
 * Writes the next PostgreSQL migration: the difference between `previousModels` (the models as
 * the last migration left them) and prisma/models.prisma. The shared models cannot say
 * timestamptz (a native type SQLite's schema would refuse), so times are made TIMESTAMPTZ(3)
 * here, as in the first migration. Returns the folder name, or null when nothing changed.
 */
export async function createPostgresMigration(
  url: string,
  previousModels: string,
  name: string,
): Promise<string | null> {
  const script = await diffPostgresModels(url, previousModels);
  if (script === null) return null;
  const folder = migrationFolderName(name);
  await mkdir(path.join(postgresMigrationsDir, folder), { recursive: true });
  await writeFile(
    path.join(postgresMigrationsDir, folder, "migration.sql"),
    script.replaceAll(/\bTIMESTAMP\(3\)/g, "TIMESTAMPTZ(3)"),
  );
  return folder;
}
