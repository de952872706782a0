// Prisma's own schema engine compiled to WebAssembly, so that no native engine binary has to be
// downloaded: loaded once per process and started on a provider's schema and a driver adapter
// factory. lib/db/migrate.ts (SQLite) and lib/db/migrate-postgres.ts drive it.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { log } from "../log.ts";
import { projectRoot } from "../root.ts";
import type { MigrationFolder } from "./migration-status.ts";

export type Provider = "sqlite" | "postgres";

export const filters = { externalTables: [], externalEnums: [] };

const root = projectRoot();

/** A provider's schema: its folder's datasource and generator, and the shared models. */
export async function schemaFiles(provider: Provider): Promise<{ path: string; content: string }[]> {
  const dir = path.join(root, "prisma", provider);
  return Promise.all(
    ["schema.prisma", "models.prisma"].map(async (name) => ({
      path: path.join(dir, name),
      content: await readFile(path.join(dir, name), "utf8"),
    })),
  );
}

/** A new migration's folder name: the time it was written, then its name. */
export function migrationFolderName(name: string): string {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  return `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_")}`;
}

export async function loadMigrations(dir: string, folders: MigrationFolder[]): Promise<MigrationList> {
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
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

export interface Engine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

/**
 * Starts the engine on the provider's schema. `wrap` may change each connection the engine opens
 * (PostgreSQL runs a migration script as one statement).
 */
export async function startEngine(
  provider: Provider,
  factory: SqlMigrationAwareDriverAdapterFactory,
  wrap: (adapter: SqlDriverAdapter) => SqlDriverAdapter = (adapter) => adapter,
): Promise<Engine> {
  const bg = await loadEngineModule();
  const files = await schemaFiles(provider);
  // The engine opens connections through the factory and does not close them; keep them to close.
  const opened: SqlDriverAdapter[] = [];
  const keep = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return wrap(adapter);
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => keep(await factory.connect()),
    connectToShadowDb: async () => keep(await factory.connectToShadowDb()),
  };
  const engine: SchemaEngine = await bg.SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    () => {},
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
