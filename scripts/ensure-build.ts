// Builds the app (Next and the bundled server) when there is no production build yet.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export function ensureBuild(root: string): void {
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(path.join(root, "dist", "server.mjs"))) return;
  console.log("[hookscope] no production build yet: running `npm run build` (about a minute)");
  const result = spawnSync("npm", ["run", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
