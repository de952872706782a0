// Large bodies: an 8 MiB body captured and fetched back, and the memory a burst of them costs.
import http from "node:http";
import { startServer } from "../../tests/support/server.ts";
import { type Baseline, createBin, percentile, type Row, rssMiB, timeRequest } from "../support.ts";

const SIZE = 8 * 1024 * 1024;
const BURST = 32;
const INFLIGHT_MIB = 128;

export async function largeBodies(baseline: Baseline): Promise<Row[]> {
  const body = Buffer.alloc(SIZE);
  for (let i = 0; i < SIZE; i += 4096) body.writeUInt32LE((i * 2654435761) >>> 0, i);
  const agent = new http.Agent({ keepAlive: true });
  const mbps = (ms: number) => SIZE / 1e6 / (ms / 1000);

  const baseTimes: number[] = [];
  for (let i = 0; i < 5; i++) baseTimes.push(await timeRequest(`${baseline.url}/h/x`, agent, "POST", body));

  const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "1000" } });
  try {
    const { token, key } = await createBin(server.url);
    const uploads: number[] = [];
    const downloads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const res = await fetch(`${server.url}/h/${token}`, { method: "POST", body: new Uint8Array(body) });
      const id = res.headers.get("x-hookscope-request-id");
      uploads.push(performance.now() - started);
      downloads.push(await timeRequest(`${server.url}/api/bins/${key}/requests/${id}/body`, agent));
    }
    const before = rssMiB(server.pid);
    const statuses = await Promise.all(
      Array.from(
        { length: BURST },
        async () => (await fetch(`${server.url}/h/${token}`, { method: "POST", body: new Uint8Array(body) })).status,
      ),
    );
    const peakGrowth = rssMiB(server.pid, "VmHWM") - before;
    const stored = statuses.filter((s) => s === 200).length;
    console.log(
      `  uploads ms: ${uploads.map((t) => t.toFixed(0)).join(" ")}; downloads ms: ${downloads.map((t) => t.toFixed(0)).join(" ")}`,
    );
    const up = mbps(percentile(uploads, 50));
    const down = mbps(percentile(downloads, 50));
    const base = mbps(percentile(baseTimes, 50));
    return [
      {
        scenario: "8 MiB body captured (median of 5)",
        measured: `${up.toFixed(0)} MB/s`,
        baseline: `${base.toFixed(0)} MB/s bare upload`,
        ratio: (up / base).toFixed(2),
        target: "≥ 100 MB/s",
        met: up >= 100,
      },
      {
        scenario: "8 MiB body fetched back (median of 5)",
        measured: `${down.toFixed(0)} MB/s`,
        baseline: `${base.toFixed(0)} MB/s bare upload`,
        ratio: (down / base).toFixed(2),
        target: "≥ 100 MB/s",
        met: down >= 100,
      },
      {
        scenario: `burst of ${BURST} × 8 MiB at once (${stored} stored, ${BURST - stored} told 503 to retry)`,
        measured: `+${peakGrowth.toFixed(0)} MiB peak RSS`,
        baseline: `${((BURST * SIZE) / 1024 / 1024).toFixed(0)} MiB of bodies`,
        ratio: (peakGrowth / ((BURST * SIZE) / 1024 / 1024)).toFixed(2),
        target: `≤ 2 × MAX_INFLIGHT_BYTES (${2 * INFLIGHT_MIB} MiB)`,
        met: peakGrowth <= 2 * INFLIGHT_MIB,
      },
    ];
  } finally {
    agent.destroy();
    await server.stop();
  }
}
