// `npm start`: build when there is no build yet, then serve from the bundle (the server applies
// pending migrations before it listens).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(path.join(root, "dist", "server.mjs"))) {
  console.log("[hookscope] no production build yet: running `npm run build` (about a minute)");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(path.join(root, "dist", "server.mjs"));
