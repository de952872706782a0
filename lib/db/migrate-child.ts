// The child process of applyMigrationsOnStart (migrate-on-start.ts): applies the pending
// migrations to the SQLite file or PostgreSQL URL in HOOKSCOPE_MIGRATE_TARGET, reports to its
// parent and exits.
import { applyMigrations } from "./migrate.ts";
import type { MigrateChildResult } from "./migrate-on-start.ts";
import { applyPostgresMigrations } from "./migrate-postgres.ts";

const target = process.env.HOOKSCOPE_MIGRATE_TARGET;

async function run(): Promise<MigrateChildResult> {
  if (!target) return { ok: false, message: "no database given" };
  try {
    const applied = /^postgres(ql)?:/i.test(target)
      ? await applyPostgresMigrations(target)
      : await applyMigrations(target);
    return { ok: true, applied };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

const result = await run();
process.send?.(result, () => process.exit(result.ok ? 0 : 1));
