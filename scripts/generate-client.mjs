// Generates the Prisma client after install. The Prisma CLI tries to download a native
// schema engine on every command; generation does not need it, so it is pointed at a
// binary that is never run successfully (see README, "How it is built").
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
