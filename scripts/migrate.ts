// `npm run migrate` applies pending migrations to DATABASE_URL's file;
// `npm run migrate:create -- <name>` writes a new migration for changes to prisma/schema.prisma.

import { applyMigrations, createMigration } from "../lib/db/migrate.ts";
import { EnvError, getEnv } from "../lib/env.ts";

try {
  const { databaseFile } = getEnv();
  if (process.argv.includes("--create")) {
    const name = process.argv.slice(2).filter((a) => a !== "--create")[0] ?? "change";
    const created = await createMigration(databaseFile, name);
    console.log(
      created ? `created prisma/migrations/${created}` : "the schema matches the migrations: nothing to create",
    );
  } else {
    const applied = await applyMigrations(databaseFile);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
  }
} catch (err) {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
}
