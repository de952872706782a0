// Generates the Prisma clients after install: one per provider (prisma/sqlite, prisma/postgres).
// The Prisma CLI tries to download a native schema engine on every command; generation does not
// need it, so it is pointed at a binary that is never run successfully (see README, "How it is built").
import { spawnSync } from "node:child_process";

for (const provider of ["sqlite", "postgres"]) {
  const result = spawnSync("npx", ["prisma", "generate", "--schema", `prisma/${provider}`], {
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
