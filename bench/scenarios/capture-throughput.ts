// Capture throughput: 1 KB JSON POSTs on 50 keep-alive connections, every answer sent after
// commit, against two references measured just before with the same load: the bare node:http
// baseline, which stores nothing, and the durable floor, which appends each body to a log and
// answers after a group fdatasync, the limit for any server that answers only once a capture is
// durable. The server's CPU time per request (all its threads) is reported too: with the load
// generator on the same cores, it is what bounds the rate.

import { startServer } from "../../tests/support/server.ts";
import { throughput } from "../load-generator.ts";
import { type Baseline, bothRatios, cpuSeconds, createBin, floorStats, jsonPosts, type Row } from "../support.ts";

const CONNECTIONS = 50;
/** The issue's targets: with full durability against the floor, with `normal` against bare. */
const TARGETS = { full: { of: "floor", min: 0.8 }, normal: { of: "bare", min: 0.6 } } as const;

async function measure(url: string, pid: number, seconds: number) {
  const options = jsonPosts(url, CONNECTIONS);
  await throughput({ ...options, duration: 2 }); // warm-up
  const cpuBefore = cpuSeconds(pid);
  const result = await throughput({ ...options, duration: seconds });
  const cpuMicrosPerRequest = ((cpuSeconds(pid) - cpuBefore) * 1e6) / Math.max(1, result.total);
  return { ...result, cpuMicrosPerRequest };
}

type Measured = Awaited<ReturnType<typeof measure>>;

/** The server's CPU time per request (all its threads) next to the bare baseline's. */
function cpuRow(label: string, result: Measured, base: Measured): Row {
  return {
    scenario: `${label}: server CPU per request`,
    measured: `${result.cpuMicrosPerRequest.toFixed(0)} µs`,
    baseline: `${base.cpuMicrosPerRequest.toFixed(0)} µs bare`,
    ratio: (result.cpuMicrosPerRequest / base.cpuMicrosPerRequest).toFixed(1),
    target: "",
    met: null,
  };
}

/** Bare, then the durable floor, with the same load; rows for the floor against bare. */
export async function measureReferences(bare: Baseline, floor: Baseline, seconds: number) {
  const base = await measure(`${bare.url}/h/anything`, bare.pid, seconds);
  const before = await floorStats(floor);
  const durable = await measure(`${floor.url}/h/anything`, floor.pid, seconds);
  const after = await floorStats(floor);
  // Warm-up included on both sides of the division: it is the group size the load produces.
  const perSync = (after.records - before.records) / Math.max(1, after.syncs - before.syncs);
  const failed = durable.non2xx + durable.errors;
  const label = `durable floor (append + group fdatasync), 1 KB JSON, ${CONNECTIONS} conns`;
  const rows: Row[] = [
    {
      scenario: `${label}, ${perSync.toFixed(1)} per fdatasync${failed ? ` (${failed} failed)` : ""}`,
      measured: `${Math.round(durable.requestsPerSecond)} req/s`,
      baseline: `${Math.round(base.requestsPerSecond)} req/s bare`,
      ratio: (durable.requestsPerSecond / base.requestsPerSecond).toFixed(2),
      target: "",
      met: null,
    },
    cpuRow(label, durable, base),
  ];
  return { base, durable, rows };
}

/** Only the two references (BENCH_ONLY=floor). */
export async function durableFloor(bare: Baseline, floor: Baseline, seconds: number): Promise<Row[]> {
  return (await measureReferences(bare, floor, seconds)).rows;
}

function captureRow(
  label: string,
  result: Measured,
  base: Measured,
  durable: Measured,
  target: (typeof TARGETS)[keyof typeof TARGETS],
): Row {
  const against = target.of === "floor" ? durable : base;
  const ratio = result.requestsPerSecond / against.requestsPerSecond;
  return {
    scenario: `${label}${result.non2xx ? ` (${result.non2xx} non-2xx)` : ""}`,
    measured: `${Math.round(result.requestsPerSecond)} req/s`,
    baseline: `${Math.round(base.requestsPerSecond)} req/s bare · ${Math.round(durable.requestsPerSecond)} req/s floor`,
    ratio: bothRatios(result.requestsPerSecond, base.requestsPerSecond, durable.requestsPerSecond),
    target: `≥ ${target.min.toFixed(2)} of ${target.of}`,
    met: ratio >= target.min && result.non2xx === 0 && durable.non2xx + durable.errors === 0,
  };
}

export async function captureThroughput(bare: Baseline, floor: Baseline, seconds: number): Promise<Row[]> {
  const { base, durable, rows } = await measureReferences(bare, floor, seconds);
  for (const synchronous of ["full", "normal"] as const) {
    const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "100000000", DB_SYNCHRONOUS: synchronous } });
    try {
      const { token } = await createBin(server.url);
      const result = await measure(`${server.url}/h/${token}`, server.pid, seconds);
      const label = `capture 1 KB JSON, ${CONNECTIONS} conns, DB_SYNCHRONOUS=${synchronous}`;
      rows.push(captureRow(label, result, base, durable, TARGETS[synchronous]), cpuRow(label, result, base));
    } finally {
      await server.stop();
    }
  }
  return rows;
}
