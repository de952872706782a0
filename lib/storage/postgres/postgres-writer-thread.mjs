// Entry of PostgreSQL's capture writer thread. Worker threads do not inherit the TypeScript loader
// of the main thread, so the TypeScript module is loaded through tsx's scoped import.
import { tsImport } from "tsx/esm/api";

await tsImport("./capture-writer-worker.ts", import.meta.url);
