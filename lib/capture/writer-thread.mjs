// Entry of the capture writer thread. Worker threads do not inherit the TypeScript loader of
// the main thread, so the TypeScript module is loaded through tsx's scoped import.
import { tsImport } from "tsx/esm/api";

await tsImport("./writer-worker.ts", import.meta.url);
