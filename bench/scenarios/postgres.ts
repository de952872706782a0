// PostgreSQL: the capture rate of one instance against SQLite, the node:http baseline and the
// durable floor (bodies appended to a log, answered after a group fdatasync), all measured here
// with the same load in alternating rounds (../rounds.ts); of two instances sharing one database
// against one; and the time from a capture on one instance to its event on another's stream.
// The cluster keeps fsync on, as in production, and SQLite its default DB_SYNCHRONOUS=full:
// every answer is durable.
// The load generator shares the cores with the servers and PostgreSQL, so a second instance can
// only add capacity where there are cores to spare: below MIN_CORES that row gives no verdict.
import { availableParallelism } from "node:os";
import { createDatabase, startCluster } from "../../tests/support/postgres.ts";
import { startServer, type TestServer } from "../../tests/support/server.ts";
import { throughput } from "../load-generator.ts";
import {
  alternate,
  CONNECTIONS,
  failed,
  fixed,
  type Rounds,
  ratios,
  ratioText,
  referenceTargets,
  reqs,
} from "../rounds.ts";
import {
  type Baseline,
  createBin,
  jsonPosts,
  latencyRow,
  measureDelivery,
  median,
  postRoundTrips,
  type Row,
} from "../support.ts";

// One inspector shows the cost of the hop between instances; 50, as in the live-delivery scenario,
// what each stream's own read of the database adds to it.
const SUBSCRIBERS = [1, 50];
const RATE = 100;
const MIN_CORES = 4;
const ENV = { MAX_REQUESTS_PER_BIN: "100000000" };

/** Requests a second into `urls` together, CONNECTIONS split evenly among them, after a warm-up. */
async function captureRate(urls: string[], seconds: number) {
  const run = (duration: number) =>
    Promise.all(urls.map((url) => throughput({ ...jsonPosts(url, CONNECTIONS / urls.length), duration })));
  await run(2); // warm-up
  const results = await run(seconds);
  return {
    requestsPerSecond: results.reduce((sum, r) => sum + r.requestsPerSecond, 0),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}

type Rate = Awaited<ReturnType<typeof captureRate>>;

const rateText = (rate: Rate) => `${Math.round(rate.requestsPerSecond)} req/s`;
const rateFailures = (...rates: Rate[]) => {
  const failed = rates.reduce((sum, r) => sum + r.failed, 0);
  return failed ? ` (${failed} failed)` : "";
};

type Name = "bare" | "floor" | "sqlite" | "postgres";

/** A rate against the bare baseline and the durable floor of the same rounds: both ratios, no target. */
function referenceRow(label: string, rounds: Rounds<Name>, name: "sqlite" | "postgres"): Row {
  const lost = failed(rounds, name, "bare", "floor");
  return {
    scenario: `capture 1 KB JSON, ${CONNECTIONS} conns, ${label}${lost ? ` (${lost} failed)` : ""}`,
    measured: reqs(rounds, name),
    baseline: `${reqs(rounds, "bare")} bare · ${reqs(rounds, "floor")} floor`,
    ratio: `${fixed(median(ratios(rounds, name, "bare")))} of bare · ${fixed(median(ratios(rounds, name, "floor")))} of floor`,
    target: "",
    met: null,
  };
}

/** PostgreSQL's rate against SQLite's: the median of the rounds' ratios. */
function againstSqlite(rounds: Rounds<Name>, minRatio: number): Row {
  const each = ratios(rounds, "postgres", "sqlite");
  const lost = failed(rounds, "postgres", "sqlite");
  return {
    scenario: `capture 1 KB JSON, ${CONNECTIONS} conns, PostgreSQL ÷ SQLite${lost ? ` (${lost} failed)` : ""}`,
    measured: reqs(rounds, "postgres"),
    baseline: `${reqs(rounds, "sqlite")} SQLite`,
    ratio: ratioText(each),
    target: `≥ ${minRatio.toFixed(2)}`,
    met: median(each) >= minRatio && lost === 0,
  };
}

function rateRow(label: string, rate: Rate, against: Rate, baseline: string, minRatio: number | null): Row {
  const ratio = rate.requestsPerSecond / against.requestsPerSecond;
  return {
    scenario: `capture 1 KB JSON, ${CONNECTIONS} conns, ${label}${rateFailures(rate, against)}`,
    measured: rateText(rate),
    baseline: `${rateText(against)} ${baseline}`,
    ratio: ratio.toFixed(2),
    target: minRatio === null ? "" : `≥ ${minRatio.toFixed(2)}`,
    met: minRatio === null ? null : ratio >= minRatio && rate.failed + against.failed === 0,
  };
}

/** p50 and p99 from a capture's answer on A to its event at `subscribers` streams on B, at RATE a second. */
async function acrossInstances(
  a: TestServer,
  b: TestServer,
  subscribers: number,
  roundTrips: number[],
): Promise<Row[]> {
  const { token, key } = await createBin(a.url);
  const delivery = await measureDelivery({
    captureUrl: `${a.url}/h/${token}`,
    streamUrl: `${b.url}/api/bins/${key}/stream`,
    subscribers,
    rate: RATE,
    count: roundTrips.length,
  });
  const missing = delivery.missing ? ` (${delivery.missing} events missing)` : "";
  const label = `live delivery, capture on A, stream on B, ${RATE} req/s, ${subscribers} subscriber${subscribers > 1 ? "s" : ""}${missing}`;
  return [latencyRow(label, 50, delivery, roundTrips, null), latencyRow(label, 99, delivery, roundTrips, 20)];
}

export async function postgres(baseline: Baseline, durableFloor: Baseline, seconds: number): Promise<Row[]> {
  const cores = availableParallelism();
  const roundTrips = await postRoundTrips(`${baseline.url}/h/x`, RATE * Math.max(3, Math.min(seconds, 10)), RATE);

  const cluster = await startCluster({ durable: true });
  const running = new Set<TestServer>();
  const start = async (database: string) => {
    const server = await startServer({ dbFile: database, env: ENV });
    running.add(server);
    return server;
  };
  const stop = async (server: TestServer) => {
    running.delete(server);
    await server.stop();
  };
  try {
    const database = await createDatabase(cluster.url);
    const a = await start(database);
    let b = await start(database);
    // Delivery first, on a fresh database as in the live-delivery scenario, rather than while
    // PostgreSQL is still busy with the rows the capture runs stored (autovacuum).
    const delivery: Row[] = [];
    for (const subscribers of SUBSCRIBERS) delivery.push(...(await acrossInstances(a, b, subscribers, roundTrips)));

    await stop(b); // one instance means one: B would also receive every commit's notification
    const sqlite = await startServer({ env: ENV });
    running.add(sqlite);
    const { token } = await createBin(a.url);
    const sqliteBin = await createBin(sqlite.url);
    // PostgreSQL last in each round: its autovacuum after a round's inserts then runs while the
    // next round measures the references, not SQLite.
    const rounds = await alternate<Name>(
      {
        ...referenceTargets(baseline, durableFloor),
        sqlite: { url: `${sqlite.url}/h/${sqliteBin.token}`, pid: sqlite.pid },
        postgres: { url: `${a.url}/h/${token}`, pid: a.pid },
      },
      seconds,
    );
    await stop(sqlite);
    const one = {
      requestsPerSecond: median(rounds.map((r) => r.postgres.requestsPerSecond)),
      failed: failed(rounds, "postgres"),
    };
    b = await start(database);
    // The same bin through both, as behind a load balancer.
    const two = await captureRate([`${a.url}/h/${token}`, `${b.url}/h/${token}`], seconds);
    const scaling = rateRow(`PostgreSQL, two instances on one database, ${cores} cores`, two, one, "one instance", 1.6);
    return [
      referenceRow("SQLite", rounds, "sqlite"),
      referenceRow("PostgreSQL, one instance", rounds, "postgres"),
      againstSqlite(rounds, 0.6),
      cores >= MIN_CORES
        ? scaling
        : { ...scaling, target: `${scaling.target} (needs ≥ ${MIN_CORES} cores; ${cores} here)`, met: null },
      ...delivery,
    ];
  } finally {
    await Promise.all([...running].map((server) => server.stop()));
    cluster.stop();
  }
}
