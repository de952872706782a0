// Memory: an idle server, and 1,000 idle live-stream connections on it.
import http from "node:http";
import { startServer, type TestServer } from "../../tests/support/server.ts";
import { type Baseline, createBin, type Row, rssMiB } from "../support.ts";

const STREAMS = 1000;

/**
 * How long a server is left without requests before its idle RSS is read. V8 gives back the young
 * generation's pages (grown while a page renders) only once its memory reducer has seen no
 * allocation for a while: measured here 15-31 s after the last request, on an 8 s cadence.
 */
const IDLE_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of a server that has rendered the inspector once: a second later, and once idle. */
async function rssAfterPageView(server: TestServer, key: string): Promise<{ after: number; idle: number }> {
  await (await fetch(`${server.url}/b/${key}`)).text();
  await sleep(1000);
  const after = rssMiB(server.pid);
  await sleep(IDLE_MS - 1000);
  return { after, idle: rssMiB(server.pid) };
}

export async function memory(baseline: Baseline): Promise<Row[]> {
  const env = { SSE_MAX_SUBSCRIBERS_PER_BIN: String(STREAMS * 2) };
  // First start: the database is new and the migrations run in the server process.
  const first = await startServer({ env });
  const { key: firstKey } = await createBin(first.url);
  const firstRss = await rssAfterPageView(first, firstKey);
  await first.stop();
  // The usual case: a restart on an existing database.
  const server = await startServer({ env, dbFile: first.dbFile });
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const requests: http.ClientRequest[] = [];
  try {
    const key = firstKey;
    const { after, idle } = await rssAfterPageView(server, key);
    const base = rssMiB(baseline.pid);
    await Promise.all(
      Array.from(
        { length: STREAMS },
        () =>
          new Promise<void>((resolve, reject) => {
            const req = http.get(`${server.url}/api/bins/${key}/stream`, { agent }, (res) => {
              res.resume();
              resolve();
            });
            req.on("error", reject);
            requests.push(req);
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 1000));
    // A GC during the run can make the difference negative: less than nothing is nothing.
    const withStreams = Math.max(0, rssMiB(server.pid) - idle);
    return [
      {
        scenario: `idle server, first start (migrations applied), ${IDLE_MS / 1000} s after a page view`,
        measured: `${firstRss.idle.toFixed(0)} MiB RSS`,
        baseline: `${base.toFixed(0)} MiB bare node:http`,
        ratio: (firstRss.idle / base).toFixed(1),
        target: "< 150 MiB",
        met: firstRss.idle < 150,
      },
      {
        scenario: "server restarted on its database, 1 s after a page view",
        measured: `${after.toFixed(0)} MiB RSS`,
        baseline: `${base.toFixed(0)} MiB bare node:http`,
        ratio: (after / base).toFixed(1),
        target: "",
        met: null,
      },
      {
        scenario: `idle server, restarted on its database, ${IDLE_MS / 1000} s after a page view`,
        measured: `${idle.toFixed(0)} MiB RSS`,
        baseline: `${base.toFixed(0)} MiB bare node:http`,
        ratio: (idle / base).toFixed(1),
        target: "< 150 MiB",
        met: idle < 150,
      },
      {
        scenario: `${STREAMS.toLocaleString("en")} idle live-stream connections`,
        measured: `+${withStreams.toFixed(0)} MiB RSS`,
        baseline: "",
        ratio: "",
        target: "< 100 MiB more",
        met: withStreams < 100,
      },
    ];
  } finally {
    for (const req of requests) req.destroy();
    agent.destroy();
    await server.stop();
  }
}
