// `npm run bench`: Hookscope's production server, a bare node:http baseline and the durable floor
// (a bare server that answers after a group fdatasync of appended bodies), measured in the same
// run on this machine; prints each figure, the baseline, the ratio and the target.
// BENCH_SECONDS sets the length of each throughput run (default 10; the capture scenario splits it
// among BENCH_ROUNDS alternating rounds, default 3); BENCH_ONLY picks scenarios
// by name (comma-separated: floor, throughput, delivery, large, bigbin, memory, postgres; floor
// measures only the two references, which throughput and postgres measure anyway, and runs only
// when named). postgres starts a throwaway PostgreSQL cluster (Debian's `postgresql` package, as
// for the tests).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { ensureBuild } from "../scripts/ensure-build.ts";
import { cleanupServers } from "../tests/support/server.ts";
import { loadGenerator } from "./load-generator.ts";
import { bigBin } from "./scenarios/big-bin.ts";
import { captureThroughput, durableFloor } from "./scenarios/capture-throughput.ts";
import { largeBodies } from "./scenarios/large-bodies.ts";
import { liveDelivery } from "./scenarios/live-delivery.ts";
import { memory } from "./scenarios/memory.ts";
import { postgres } from "./scenarios/postgres.ts";
import { ROOT, type Row, startBaseline, startDurableFloor } from "./support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const scenarios = [
  ["floor", (b) => durableFloor(b, floor, seconds)],
  ["throughput", (b) => captureThroughput(b, floor, seconds)],
  ["delivery", (b) => liveDelivery(b, seconds)],
  ["large", (b) => largeBodies(b)],
  ["bigbin", (b) => bigBin(b)],
  ["memory", (b) => memory(b)],
  ["postgres", (b) => postgres(b, floor, seconds)],
] as const satisfies readonly (readonly [string, (b: Awaited<ReturnType<typeof startBaseline>>) => Promise<Row[]>])[];

function table(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.scenario,
    r.measured,
    r.baseline,
    r.ratio,
    r.target,
    r.met === null ? "" : r.met ? "met" : "NOT met",
  ]);
  const header = ["scenario", "measured", "baseline (same run)", "ratio", "target", ""];
  const lines = [header, header.map(() => "---"), ...cells].map((c) => `| ${c.join(" | ")} |`);
  return lines.join("\n");
}

ensureBuild(ROOT);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
console.log(`Hookscope benchmark on ${machine}; throughput load from ${loadGenerator()}\n`);
const baseline = await startBaseline();
const floor = await startDurableFloor();
const rows: Row[] = [];
try {
  for (const [name, run] of scenarios) {
    // floor alone repeats what throughput measures first, so a full run leaves it out.
    if (only ? !only.includes(name) : name === "floor") continue;
    console.log(`- ${name}…`);
    const result = await run(baseline);
    for (const row of result)
      console.log(
        `  ${row.scenario}: ${row.measured} (baseline ${row.baseline || "-"}, ratio ${row.ratio || "-"}, target ${row.target || "-"})`,
      );
    rows.push(...result);
  }
} finally {
  await Promise.all([baseline.stop(), floor.stop()]);
  cleanupServers();
}
const report = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, throughput load from ${loadGenerator()}.\n\n${table(rows)}\n`;
console.log(`\n${report}`);
const dir = path.join(ROOT, "bench", "results");
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "latest.md"), report);
writeFileSync(path.join(dir, "latest.json"), JSON.stringify({ machine, rows }, null, 2));
