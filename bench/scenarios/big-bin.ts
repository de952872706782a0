// A bin holding 100,000 requests: list and filter latency, and the inspector opening it.
import http from "node:http";
import { startServer } from "../../tests/support/server.ts";
import { type Baseline, createBin, JSON_1KB, load, percentile, type Row, timeRequest } from "../support.ts";

const COUNT = 100_000;
const SAMPLES = 200;

async function p95(url: string, agent: http.Agent): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) await timeRequest(url, agent); // warm-up
  for (let i = 0; i < SAMPLES; i++) times.push(await timeRequest(url, agent));
  return percentile(times, 95);
}

/** Time until the inspector shows its first row, in a real Chromium when one is installed. */
async function inspectorOpenMs(url: string): Promise<number | null> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  try {
    const { chromium } = await import("@playwright/test");
    const browser = await chromium.launch({
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    try {
      const page = await browser.newPage();
      await page.goto(url); // warm-up: the first render compiles templates
      const started = performance.now();
      await page.goto(url);
      await page
        .getByRole("listbox", { name: /Captured requests/ })
        .getByRole("option")
        .first()
        .waitFor();
      return performance.now() - started;
    } finally {
      await browser.close();
    }
  } catch (err) {
    console.error(`  (inspector timing skipped: ${(err as Error).message.split("\n")[0]})`);
    return null;
  }
}

export async function bigBin(baseline: Baseline): Promise<Row[]> {
  const agent = new http.Agent({ keepAlive: true });
  const base = await p95(`${baseline.url}/h/x`, agent);
  const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: String(COUNT * 2), DB_SYNCHRONOUS: "normal" } });
  try {
    const { token, key } = await createBin(server.url);
    const methods = ["POST", "POST", "POST", "PUT", "PATCH", "GET", "DELETE"] as const;
    await load({
      url: `${server.url}/h/${token}`,
      connections: 50,
      amount: COUNT,
      requests: methods.map((method) => ({
        method,
        path: `/h/${token}/fill`,
        body: JSON_1KB,
        headers: { "content-type": "application/json" },
      })),
    });
    const list = await p95(`${server.url}/api/bins/${key}/requests?limit=50`, agent);
    const byMethod = await p95(`${server.url}/api/bins/${key}/requests?limit=50&method=PUT`, agent);
    const search = await p95(`${server.url}/api/bins/${key}/requests?limit=50&q=in_1`, agent);
    const opened = await inspectorOpenMs(`${server.url}/b/${key}`);
    const row = (scenario: string, ms: number, target: number): Row => ({
      scenario,
      measured: `${ms.toFixed(1)} ms p95`,
      baseline: `${base.toFixed(2)} ms bare round trip`,
      ratio: (ms / base).toFixed(1),
      target: `≤ ${target} ms`,
      met: ms <= target,
    });
    const rows = [
      row(`${COUNT.toLocaleString("en")}-request bin: first list page`, list, 20),
      row(`${COUNT.toLocaleString("en")}-request bin: filter by method`, byMethod, 20),
      {
        ...row(`${COUNT.toLocaleString("en")}-request bin: text search (q)`, search, 20),
        target: "(no target)",
        met: null,
      },
    ];
    if (opened !== null) {
      rows.push({
        scenario: `${COUNT.toLocaleString("en")}-request bin: inspector shows its first row`,
        measured: `${opened.toFixed(0)} ms`,
        baseline: "",
        ratio: "",
        target: "< 1000 ms",
        met: opened < 1000,
      });
    }
    return rows;
  } finally {
    agent.destroy();
    await server.stop();
  }
}
