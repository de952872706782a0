// The project's root folder, found from this module's location: the same answer whether the
// code runs from source (lib/) or from the bundled server (dist/).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

let cached: string | null = null;

export function projectRoot(): string {
  if (cached) return cached;
  let dir = import.meta.dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "hookscope"
    ) {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Hookscope project folder above ${import.meta.dirname}`);
    dir = parent;
  }
}
