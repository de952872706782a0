// Live delivery: time from a capture's answer to its event at SSE subscribers, at 100 req/s with
// 50 inspectors subscribed to the same bin.
import http from "node:http";
import { createParser } from "eventsource-parser";
import { startServer } from "../../tests/support/server.ts";
import { type Baseline, createBin, JSON_1KB, percentile, type Row, timeRequest } from "../support.ts";

const SUBSCRIBERS = 50;
const RATE = 100;

function subscribe(url: string, onEvent: (id: string, at: number) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      const parser = createParser({
        onEvent: (e) => e.event === "request" && onEvent(JSON.parse(e.data).id, performance.now()),
      });
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => parser.feed(chunk));
      resolve(() => req.destroy());
    });
    req.on("error", reject);
  });
}

async function paced(count: number, send: (i: number) => Promise<void>) {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(i));
  }
  await Promise.all(pending);
}

export async function liveDelivery(baseline: Baseline, seconds: number): Promise<Row[]> {
  const count = RATE * Math.max(3, Math.min(seconds, 10));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const baseTimes: number[] = [];
  await paced(count, async () => {
    baseTimes.push(await timeRequest(`${baseline.url}/h/x`, agent, "POST", JSON_1KB));
  });

  const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "100000" } });
  try {
    const { token, key } = await createBin(server.url);
    const arrivals = new Map<string, number[]>();
    const closers = await Promise.all(
      Array.from({ length: SUBSCRIBERS }, () =>
        subscribe(`${server.url}/api/bins/${key}/stream`, (id, at) => {
          const list = arrivals.get(id) ?? [];
          list.push(at);
          arrivals.set(id, list);
        }),
      ),
    );
    const answered = new Map<string, number>();
    await paced(count, async () => {
      const res = await fetch(`${server.url}/h/${token}`, {
        method: "POST",
        body: JSON_1KB,
        headers: { "content-type": "application/json" },
      });
      answered.set(res.headers.get("x-hookscope-request-id") as string, performance.now());
      await res.arrayBuffer();
    });
    await new Promise((r) => setTimeout(r, 500));
    for (const close of closers) close();
    const latencies: number[] = [];
    let missing = 0;
    for (const [id, at] of answered) {
      const events = arrivals.get(id) ?? [];
      missing += SUBSCRIBERS - events.length;
      // The event may reach a subscriber before the sender has read its answer: that is 0 ms late.
      for (const e of events) latencies.push(Math.max(0, e - at));
    }
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const baseP50 = percentile(baseTimes, 50);
    const label = `live delivery, ${RATE} req/s, ${SUBSCRIBERS} subscribers${missing ? ` (${missing} events missing)` : ""}`;
    return [
      {
        scenario: `${label}: p50`,
        measured: `${p50.toFixed(2)} ms`,
        baseline: `${baseP50.toFixed(2)} ms POST round trip`,
        ratio: (p50 / baseP50).toFixed(2),
        target: "≤ 1 ms",
        met: p50 <= 1 && missing === 0,
      },
      {
        scenario: `${label}: p99`,
        measured: `${p99.toFixed(2)} ms`,
        baseline: `${percentile(baseTimes, 99).toFixed(2)} ms POST round trip`,
        ratio: (p99 / percentile(baseTimes, 99)).toFixed(2),
        target: "≤ 5 ms",
        met: p99 <= 5 && missing === 0,
      },
    ];
  } finally {
    agent.destroy();
    await server.stop();
  }
}
