// Capture throughput: 1 KB JSON POSTs on 50 keep-alive connections, every answer sent after
// commit, against the bare node:http baseline in the same run.
import { startServer } from "../../tests/support/server.ts";
import { type Baseline, createBin, JSON_1KB, load, type Row } from "../support.ts";

const CONNECTIONS = 50;

async function measure(url: string, seconds: number) {
  const options = {
    url,
    method: "POST" as const,
    connections: CONNECTIONS,
    headers: { "content-type": "application/json" },
    body: JSON_1KB,
  };
  await load({ ...options, duration: 2 }); // warm-up
  return load({ ...options, duration: seconds });
}

export async function captureThroughput(baseline: Baseline, seconds: number): Promise<Row[]> {
  const base = await measure(`${baseline.url}/h/anything`, seconds);
  const rows: Row[] = [];
  for (const synchronous of ["full", "normal"] as const) {
    const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "100000000", DB_SYNCHRONOUS: synchronous } });
    try {
      const token = await createBin(server.url);
      const result = await measure(`${server.url}/h/${token}`, seconds);
      const ratio = result.requestsPerSecond / base.requestsPerSecond;
      rows.push({
        scenario: `capture 1 KB JSON, ${CONNECTIONS} conns, DB_SYNCHRONOUS=${synchronous}${result.non2xx ? ` (${result.non2xx} non-2xx)` : ""}`,
        measured: `${Math.round(result.requestsPerSecond)} req/s`,
        baseline: `${Math.round(base.requestsPerSecond)} req/s`,
        ratio: ratio.toFixed(2),
        target: "≥ 0.80",
        met: ratio >= 0.8 && result.non2xx === 0,
      });
    } finally {
      await server.stop();
    }
  }
  return rows;
}
