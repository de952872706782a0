// Capture throughput: 1 KB JSON POSTs on 50 keep-alive connections, every answer sent after
// commit, against the bare node:http baseline in the same run. The server's CPU time per request
// (all its threads) is reported too: with the load generator on the same cores, it is what bounds
// the rate.
import { startServer } from "../../tests/support/server.ts";
import { type Baseline, cpuSeconds, createBin, jsonPosts, load, type Row } from "../support.ts";

const CONNECTIONS = 50;

async function measure(url: string, pid: number, seconds: number) {
  const options = jsonPosts(url, CONNECTIONS);
  await load({ ...options, duration: 2 }); // warm-up
  const cpuBefore = cpuSeconds(pid);
  const result = await load({ ...options, duration: seconds });
  const cpuMicrosPerRequest = ((cpuSeconds(pid) - cpuBefore) * 1e6) / Math.max(1, result.total);
  return { ...result, cpuMicrosPerRequest };
}

export async function captureThroughput(baseline: Baseline, seconds: number): Promise<Row[]> {
  const base = await measure(`${baseline.url}/h/anything`, baseline.pid, seconds);
  const rows: Row[] = [];
  for (const synchronous of ["full", "normal"] as const) {
    const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "100000000", DB_SYNCHRONOUS: synchronous } });
    try {
      const { token } = await createBin(server.url);
      const result = await measure(`${server.url}/h/${token}`, server.pid, seconds);
      const ratio = result.requestsPerSecond / base.requestsPerSecond;
      const label = `capture 1 KB JSON, ${CONNECTIONS} conns, DB_SYNCHRONOUS=${synchronous}`;
      rows.push(
        {
          scenario: `${label}${result.non2xx ? ` (${result.non2xx} non-2xx)` : ""}`,
          measured: `${Math.round(result.requestsPerSecond)} req/s`,
          baseline: `${Math.round(base.requestsPerSecond)} req/s`,
          ratio: ratio.toFixed(2),
          target: "≥ 0.80",
          met: ratio >= 0.8 && result.non2xx === 0,
        },
        {
          scenario: `${label}: server CPU per request`,
          measured: `${result.cpuMicrosPerRequest.toFixed(0)} µs`,
          baseline: `${base.cpuMicrosPerRequest.toFixed(0)} µs`,
          ratio: (result.cpuMicrosPerRequest / base.cpuMicrosPerRequest).toFixed(1),
          target: "",
          met: null,
        },
      );
    } finally {
      await server.stop();
    }
  }
  return rows;
}
