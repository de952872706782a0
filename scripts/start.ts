// `npm start`: build when no build exists, then run the server (which applies migrations).
import path from "node:path";
import { ensureBuild } from "./ensure-build.ts";

const root = path.resolve(import.meta.dirname, "..");
Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
ensureBuild(root);
await import("../server.ts");
