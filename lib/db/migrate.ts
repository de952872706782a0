// Applies (and, for development, creates) Prisma migrations with Prisma's own schema engine
// compiled to WebAssembly, so that no native engine binary has to be downloaded. The result is
// the standard prisma/migrations folders and _prisma_migrations table.

import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { log } from "../log.ts";
import { projectRoot } from "../root.ts";
import {
  enableWal,
  type MigrationFolder,
  migrationsDir,
  migrationsUpToDate,
  readMigrationFolders,
} from "./migration-status.ts";

const root = projectRoot();
const schemaPath = path.join(root, "prisma", "schema.prisma");
const filters = { externalTables: [], externalEnums: [] };

async function loadMigrations(folders: MigrationFolder[]): Promise<MigrationList> {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: folders.map(({ name, script }) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: script } },
    })),
  };
}

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let engineModule: Promise<EngineModule> | null = null;

/**
 * Instantiates the WebAssembly engine once per process: its JS glue caches views of the
 * instance's memory, so a second instance would be written through stale views.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    // The engine reports Rust panics through this registry; without it a panic is an uncaught TypeError.
    const panics = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    panics.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => log.error(`schema engine panic: ${message}`),
    };
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(bgPath)) as EngineModule;
    const wasmBytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return engineModule;
}

interface Engine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

async function startEngine(url: string): Promise<Engine> {
  const bg = await loadEngineModule();
  const schema = await readFile(schemaPath, "utf8");
  // The engine opens connections through the factory and does not close them; keep them to close.
  const factory = new PrismaBetterSqlite3({ url });
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => keep(await factory.connect()),
    connectToShadowDb: async () => keep(await factory.connectToShadowDb()),
  };
  const keep = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return adapter;
  };
  const log = () => {};
  const engine: SchemaEngine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      for (const adapter of opened) await adapter.dispose();
    },
  };
}

/** Applies pending migrations to the SQLite file (created when missing). Returns the names applied. */
export async function applyMigrations(file: string): Promise<string[]> {
  await mkdir(path.dirname(file), { recursive: true });
  enableWal(file);
  const folders = readMigrationFolders();
  if (migrationsUpToDate(file, folders)) return [];
  const migrationsList = await loadMigrations(folders);
  const { engine, close } = await startEngine(`file:${file}`);
  try {
    const out = await engine.applyMigrations({ migrationsList, filters });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * Writes a new migration folder for the difference between the database (with every migration
 * applied) and the schema. Returns the folder name, or null when there is nothing to migrate.
 */
export async function createMigration(file: string, name: string): Promise<string | null> {
  await applyMigrations(file);
  const { engine, close } = await startEngine(`file:${file}`);
  try {
    const schema = await readFile(schemaPath, "utf8");
    const files = [{ path: schemaPath, content: schema }];
    const out = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: root },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters,
    });
    if (out.exitCode !== 2 || !out.stdout) return null;
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_")}`;
    await mkdir(path.join(migrationsDir, folder), { recursive: true });
    await writeFile(path.join(migrationsDir, folder, "migration.sql"), out.stdout);
    const lockPath = path.join(migrationsDir, "migration_lock.toml");
    if (!existsSync(lockPath)) {
      await writeFile(
        lockPath,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
      );
    }
    return folder;
  } finally {
    await close();
  }
}
