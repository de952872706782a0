// Capture throughput: 1 KB JSON POSTs on 50 keep-alive connections, every answer sent after
// commit, against two references measured with the same load: the bare node:http baseline,
// which stores nothing, and the durable floor, which appends each body to a log and answers
// after a group fdatasync, the limit for any server that answers only once a capture is durable.
// The machines this runs on change speed from one minute to the next, so the four servers are
// measured in turn, round after round, and each ratio is the median of the rounds' own ratios:
// a capture rate is only ever divided by a reference measured seconds before it. The server's
// CPU time per request (all its threads) is reported too: with the load generator on the same
// cores, it is what bounds the rate.

import { startServer, type TestServer } from "../../tests/support/server.ts";
import { throughput } from "../load-generator.ts";
import { type Baseline, cpuSeconds, createBin, floorStats, jsonPosts, median, type Row } from "../support.ts";

const CONNECTIONS = 50;
/** The issue's targets: with full durability against the floor, with `normal` against bare. */
const TARGETS = { full: { of: "floor", min: 0.8 }, normal: { of: "bare", min: 0.6 } } as const;
/** Rounds of the alternation (BENCH_ROUNDS); each run lasts BENCH_SECONDS ÷ rounds, at least 3 s. */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

interface Target {
  url: string;
  pid: number;
}

async function measure(target: Target, seconds: number, warmUp: number) {
  const options = jsonPosts(target.url, CONNECTIONS);
  await throughput({ ...options, duration: warmUp });
  const cpuBefore = cpuSeconds(target.pid);
  const result = await throughput({ ...options, duration: seconds });
  const cpuMicrosPerRequest = ((cpuSeconds(target.pid) - cpuBefore) * 1e6) / Math.max(1, result.total);
  return { ...result, cpuMicrosPerRequest };
}

type Measured = Awaited<ReturnType<typeof measure>>;

/** Every target measured once per round, in the given order, round after round. */
export async function alternate<K extends string>(
  targets: Record<K, Target>,
  seconds: number,
): Promise<Record<K, Measured>[]> {
  const each = Math.max(3, Math.round(seconds / ROUNDS));
  const rounds: Record<K, Measured>[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const round = {} as Record<K, Measured>;
    for (const name of Object.keys(targets) as K[]) round[name] = await measure(targets[name], each, i === 0 ? 2 : 1);
    rounds.push(round);
  }
  return rounds;
}

const fixed = (n: number) => n.toFixed(2);
/** "0.61" for one round, "0.61 (rounds 0.55-0.66)" for several. */
function ratioText(ratios: number[]): string {
  const m = fixed(median(ratios));
  return ratios.length > 1 ? `${m} (rounds ${fixed(Math.min(...ratios))}-${fixed(Math.max(...ratios))})` : m;
}
const reqs = (values: number[]) => `${Math.round(median(values))} req/s`;
const rates = <K extends string>(rounds: Record<K, Measured>[], name: K) =>
  rounds.map((r) => r[name].requestsPerSecond);
const failed = (m: Measured[]) => m.reduce((sum, r) => sum + r.non2xx + r.errors, 0);

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
function referenceRows(rounds: Record<"bare" | "floor", Measured>[], perSync: number): Row[] {
  const floor = rounds.map((r) => r.floor);
  const lost = failed(floor);
  return [
    {
      scenario: `${FLOOR_LABEL}, ${perSync.toFixed(1)} per fdatasync${lost ? ` (${lost} failed)` : ""}`,
      measured: reqs(rates(rounds, "floor")),
      baseline: `${reqs(rates(rounds, "bare"))} bare`,
      ratio: ratioText(rounds.map((r) => r.floor.requestsPerSecond / r.bare.requestsPerSecond)),
      target: "",
      met: null,
    },
    cpuRow(
      FLOOR_LABEL,
      floor,
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
  const [rounds, perSync] = await withGroupSize(floor, () => alternate({ bare, floor }, seconds));
  return referenceRows(rounds, perSync);
}

type Name = "bare" | "floor" | "full" | "normal";

function captureRow(label: string, rounds: Record<Name, Measured>[], name: "full" | "normal"): Row {
  const target = TARGETS[name];
  const ratios = (against: "bare" | "floor") =>
    rounds.map((r) => r[name].requestsPerSecond / r[against].requestsPerSecond);
  const ofTarget = median(ratios(target.of));
  const mine = rounds.map((r) => r[name]);
  const non2xx = mine.reduce((sum, r) => sum + r.non2xx, 0);
  return {
    scenario: `${label}${non2xx ? ` (${non2xx} non-2xx)` : ""}`,
    measured: reqs(rates(rounds, name)),
    baseline: `${reqs(rates(rounds, "bare"))} bare · ${reqs(rates(rounds, "floor"))} floor`,
    ratio: `${fixed(median(ratios("bare")))} of bare · ${fixed(median(ratios("floor")))} of floor; of ${target.of} by round ${ratios(target.of).map(fixed).join(", ")}`,
    target: `≥ ${target.min.toFixed(2)} of ${target.of}`,
    met: ofTarget >= target.min && non2xx === 0 && failed(rounds.map((r) => r.floor)) === 0,
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
      bare: { url: `${bare.url}/h/anything`, pid: bare.pid },
      floor: { url: `${floor.url}/h/anything`, pid: floor.pid },
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
