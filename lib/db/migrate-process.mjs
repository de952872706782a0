// Entry of the migration child process when running from source. Child processes do not inherit
// the TypeScript loader of the server, so the TypeScript module is loaded through tsx's scoped
// import; the build bundles migrate-child.ts to dist/migrate-process.mjs instead.
import { tsImport } from "tsx/esm/api";

await tsImport("./migrate-child.ts", import.meta.url);
