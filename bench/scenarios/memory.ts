// Memory: an idle server, and 1,000 idle live-stream connections on it.
import http from "node:http";
import { startServer } from "../../tests/support/server.ts";
import { type Baseline, createBin, type Row, rssMiB } from "../support.ts";

const STREAMS = 1000;

export async function memory(baseline: Baseline): Promise<Row[]> {
  const server = await startServer({ env: { SSE_MAX_SUBSCRIBERS_PER_BIN: String(STREAMS * 2) } });
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const requests: http.ClientRequest[] = [];
  try {
    const token = await createBin(server.url);
    // Warm the pages and API once, as a user would, then let it settle.
    await (await fetch(`${server.url}/b/${token}`)).text();
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMiB(server.pid);
    const base = rssMiB(baseline.pid);
    await Promise.all(
      Array.from(
        { length: STREAMS },
        () =>
          new Promise<void>((resolve, reject) => {
            const req = http.get(`${server.url}/api/bins/${token}/stream`, { agent }, (res) => {
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
        scenario: "idle server",
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
