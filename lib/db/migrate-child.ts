// The child process of applyMigrationsOnStart (migrate-on-start.ts): applies the pending
// migrations to the file named by its argument, reports to its parent and exits.
import { applyMigrations } from "./migrate.ts";
import type { MigrateChildResult } from "./migrate-on-start.ts";

const file = process.argv[2];

async function run(): Promise<MigrateChildResult> {
  if (!file) return { ok: false, message: "no database file given" };
  try {
    return { ok: true, applied: await applyMigrations(file) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

const result = await run();
process.send?.(result, () => process.exit(result.ok ? 0 : 1));
