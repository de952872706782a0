// Bundles the HTTP front (server.ts and the lib/ code it uses) and the capture writer's thread
// into dist/, so that production runs on plain Node without compiling TypeScript at run time.
// Packages stay external: they are loaded from node_modules as usual.
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  logLevel: "warning",
};

// The writers' threads and the migration process are started from the server as
// "./writer-thread.mjs" (SQLite), "./postgres-writer-thread.mjs" and "./migrate-process.mjs",
// beside it.
await build({
  ...common,
  entryPoints: {
    server: "server.ts",
    "writer-thread": "lib/capture/writer-worker.ts",
    "postgres-writer-thread": "lib/storage/postgres/capture-writer-worker.ts",
    "migrate-process": "lib/db/migrate-child.ts",
  },
});
console.log(
  "[hookscope] bundled dist/server.mjs, dist/writer-thread.mjs, dist/postgres-writer-thread.mjs and dist/migrate-process.mjs",
);
