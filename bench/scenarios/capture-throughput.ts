// Capture throughput: 1 KB JSON POSTs on 50 keep-alive connections, every answer sent after
// commit, against two references measured with the same load: the bare node:http baseline,
// which stores nothing, and the durable floor, which appends each body to a log and answers
// after a group fdatasync, the limit for any server that answers only once a capture is durable.
// The four servers are measured in alternating rounds (../rounds.ts). The server's CPU time per
// request (all its threads) is reported too: with the load generator on the same cores, it is
// what bounds the rate.

import { startServer, type TestServer } from "../../tests/support/server.ts";
import {
  alternate,
  CONNECTIONS,
  failed,
  fixed,
  type Measured,
  type Rounds,
  ratios,
  ratioText,
  referenceTargets,
  reqs,
  type Target,
} from "../rounds.ts";
import { type Baseline, createBin, floorStats, median, type Row } from "../support.ts";

/** The issue's targets: with full durability against the floor, with `normal` against bare. */
const TARGETS = { full: { of: "floor", min: 0.8 }, normal: { of: "bare", min: 0.6 } } as const;

/** The server's CPU time per request (all its threads) next to the bare baseline's, medians of the rounds. */
function cpuRow(label: string, result: Measured[], base: Measured[]): Row {
  const mine = median(result.map((r) => r.cpuMicrosPerRequest));
  const bare = median(base.map((r) => r.cpuMicrosPerRequest));
  return {
    scenario: `${label}: server CPU per request`,
    measured: `${mine.toFixed(0)} µs`,
    baseline: `${bare.toFixed(0)} µs bare`,
    ratio: (mine / bare).toFixed(1),
    target: "",
    met: null,
  };
}

const FLOOR_LABEL = `durable floor (append + group fdatasync), 1 KB JSON, ${CONNECTIONS} conns`;

/** Rows for the floor against bare, from rounds that measured both. */
function referenceRows(rounds: Rounds<"bare" | "floor">, perSync: number): Row[] {
  const lost = failed(rounds, "floor");
  return [
    {
      scenario: `${FLOOR_LABEL}, ${perSync.toFixed(1)} per fdatasync${lost ? ` (${lost} failed)` : ""}`,
      measured: reqs(rounds, "floor"),
      baseline: `${reqs(rounds, "bare")} bare`,
      ratio: ratioText(ratios(rounds, "floor", "bare")),
      target: "",
      met: null,
    },
    cpuRow(
      FLOOR_LABEL,
      rounds.map((r) => r.floor),
      rounds.map((r) => r.bare),
    ),
  ];
}

/** Records per fdatasync the floor made while `run` ran: the group size the load produces. */
async function withGroupSize<T>(floor: Baseline, run: () => Promise<T>): Promise<[T, number]> {
  const before = await floorStats(floor);
  const result = await run();
  const after = await floorStats(floor);
  return [result, (after.records - before.records) / Math.max(1, after.syncs - before.syncs)];
}

/** Only the two references (BENCH_ONLY=floor). */
export async function durableFloor(bare: Baseline, floor: Baseline, seconds: number): Promise<Row[]> {
  const [rounds, perSync] = await withGroupSize(floor, () => alternate(referenceTargets(bare, floor), seconds));
  return referenceRows(rounds, perSync);
}

type Name = "bare" | "floor" | "full" | "normal";

function captureRow(label: string, rounds: Rounds<Name>, name: "full" | "normal"): Row {
  const target = TARGETS[name];
  const non2xx = rounds.reduce((sum, r) => sum + r[name].non2xx, 0);
  return {
    scenario: `${label}${non2xx ? ` (${non2xx} non-2xx)` : ""}`,
    measured: reqs(rounds, name),
    baseline: `${reqs(rounds, "bare")} bare · ${reqs(rounds, "floor")} floor`,
    ratio: `${fixed(median(ratios(rounds, name, "bare")))} of bare · ${fixed(median(ratios(rounds, name, "floor")))} of floor; of ${target.of} by round ${ratios(rounds, name, target.of).map(fixed).join(", ")}`,
    target: `≥ ${target.min.toFixed(2)} of ${target.of}`,
    met: median(ratios(rounds, name, target.of)) >= target.min && non2xx === 0 && failed(rounds, "floor") === 0,
  };
}

export async function captureThroughput(bare: Baseline, floor: Baseline, seconds: number): Promise<Row[]> {
  const servers: TestServer[] = [];
  try {
    const capture = async (synchronous: "full" | "normal"): Promise<Target> => {
      const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "100000000", DB_SYNCHRONOUS: synchronous } });
      servers.push(server);
      const { token } = await createBin(server.url);
      return { url: `${server.url}/h/${token}`, pid: server.pid };
    };
    const targets: Record<Name, Target> = {
      ...referenceTargets(bare, floor),
      full: await capture("full"),
      normal: await capture("normal"),
    };
    const [rounds, perSync] = await withGroupSize(floor, () => alternate(targets, seconds));
    const rows = referenceRows(rounds, perSync);
    for (const synchronous of ["full", "normal"] as const) {
      const label = `capture 1 KB JSON, ${CONNECTIONS} conns, DB_SYNCHRONOUS=${synchronous}`;
      rows.push(
        captureRow(label, rounds, synchronous),
        cpuRow(
          label,
          rounds.map((r) => r[synchronous]),
          rounds.map((r) => r.bare),
        ),
      );
    }
    return rows;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
