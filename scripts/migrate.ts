// `npm run migrate` applies pending migrations to DATABASE_URL's database (a SQLite file, or
// PostgreSQL). `npm run migrate:create -- <name>` writes the next migration for changes to
// prisma/models.prisma: with a SQLite URL, into prisma/migrations (from the file's schema); with a
// PostgreSQL URL, into prisma/postgres/migrations, as the difference from the models of
// `--from <file>` (by default prisma/models.prisma as committed at git HEAD). The PostgreSQL
// database is only connected to, never changed, by --create.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { applyMigrations, createMigration } from "../lib/db/migrate.ts";
import { applyPostgresMigrations, createPostgresMigration } from "../lib/db/migrate-postgres.ts";
import { EnvError, getEnv } from "../lib/env.ts";
import { databaseTarget } from "../lib/storage/database-url.ts";

const args = process.argv.slice(2);
const option = (flag: string) => {
  const at = args.indexOf(flag);
  return at === -1 ? undefined : args[at + 1];
};
const create = args.includes("--create");
const name = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--from")[0] ?? "change";

function previousModels(): string {
  const from = option("--from");
  if (from) return readFileSync(from, "utf8");
  return execFileSync("git", ["show", "HEAD:prisma/models.prisma"], { encoding: "utf8" });
}

try {
  const url = process.env.DATABASE_URL ?? "";
  const target = url ? databaseTarget(url) : null;
  if (target?.kind === "postgres") {
    if (create) {
      const created = await createPostgresMigration(target.url, previousModels(), name);
      console.log(
        created ? `created prisma/postgres/migrations/${created}` : "the models did not change: nothing to create",
      );
    } else {
      const applied = await applyPostgresMigrations(target.url);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    }
  } else {
    const databaseFile = getEnv().databaseFile as string;
    if (create) {
      const created = await createMigration(databaseFile, name);
      console.log(
        created ? `created prisma/migrations/${created}` : "the schema matches the migrations: nothing to create",
      );
    } else {
      const applied = await applyMigrations(databaseFile);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    }
  }
} catch (err) {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
}
