// Shared pieces of the benchmark: processes, load, live-delivery timing, percentiles, memory readings.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { createParser } from "eventsource-parser";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface Baseline {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The bare baseline: reads each body and answers 200, storing nothing. */
export function startBaseline(): Promise<Baseline> {
  return startScript("bench/baseline-server.mjs");
}

/** The durable floor: each body appended to a log and answered after a group fdatasync covering it. */
export function startDurableFloor(): Promise<Baseline> {
  return startScript("bench/durable-floor-server.mjs");
}

function startScript(script: string): Promise<Baseline> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        resolve({
          url: match[1] as string,
          pid: child.pid as number,
          stop: () =>
            new Promise((r) => {
              child.once("exit", () => r());
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code})`)));
  });
}

/** Resident memory of a process in MiB, from /proc. */
export function rssMiB(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU time (user + system, every thread) a process has used so far, in seconds, from /proc. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Linux reports CPU times in clock ticks of 1/100 s on every common configuration. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export { type LoadResult, withAutocannon as load } from "./load-generator.ts";

export const JSON_1KB = JSON.stringify({
  id: "evt_1NqT2b2eZvKYlo2C",
  type: "invoice.paid",
  data: { object: { id: "in_1", amount_due: 4200, customer: "cus_9", lines: "x".repeat(880) } },
}).slice(0, 1024);

/** 1 KB JSON POSTs to `url` on `connections` keep-alive connections. */
export function jsonPosts(url: string, connections: number) {
  return {
    url,
    method: "POST" as const,
    connections,
    headers: { "content-type": "application/json" },
    body: JSON_1KB,
  };
}

/** Times one HTTP request in milliseconds (on a keep-alive agent). */
export function timeRequest(url: string, agent: http.Agent, method = "GET", body?: Buffer | string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      { method, agent, headers: body ? { "content-length": Buffer.byteLength(body) } : {} },
      (res) => {
        res.resume();
        res.on("end", () => {
          if ((res.statusCode ?? 0) >= 400) reject(new Error(`${method} ${url}: ${res.statusCode}`));
          else resolve(performance.now() - started);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Calls `send` `count` times, `rate` calls a second, without waiting for one call before the next. */
export async function paced(count: number, rate: number, send: (i: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(i));
  }
  await Promise.all(pending);
}

/** Round trips of 1 KB JSON POSTs to `url`, paced at `rate` a second: the baseline for delivery times. */
export async function postRoundTrips(url: string, count: number, rate: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const times: number[] = [];
  try {
    await paced(count, rate, async () => {
      times.push(await timeRequest(url, agent, "POST", JSON_1KB));
    });
  } finally {
    agent.destroy();
  }
  return times;
}

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

export interface DeliveryRun {
  /** Where the captures are sent: `{server}/h/{token}`. */
  captureUrl: string;
  /** The same bin's stream, on the same server or another instance. */
  streamUrl: string;
  subscribers: number;
  rate: number;
  count: number;
}

export interface Delivery {
  /** Milliseconds from a capture's answer to its event at one subscriber, one entry per event. */
  latencies: number[];
  /** Events that never reached a subscriber. */
  missing: number;
}

/**
 * Captures `count` requests at `rate` a second while `subscribers` streams are open, and returns
 * how long after each capture's answer its event reached each subscriber, and how many never did.
 */
export async function measureDelivery(run: DeliveryRun): Promise<Delivery> {
  const arrivals = new Map<string, number[]>();
  const closers = await Promise.all(
    Array.from({ length: run.subscribers }, () =>
      subscribe(run.streamUrl, (id, at) => {
        const list = arrivals.get(id) ?? [];
        list.push(at);
        arrivals.set(id, list);
      }),
    ),
  );
  const answered = new Map<string, number>();
  await paced(run.count, run.rate, async () => {
    const res = await fetch(run.captureUrl, {
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
    missing += run.subscribers - events.length;
    // The event may reach a subscriber before the sender has read its answer: that is 0 ms late.
    for (const e of events) latencies.push(Math.max(0, e - at));
  }
  return { latencies, missing };
}

/** The p-th percentile of delivery times against the baseline's POST round trip; no verdict without a target. */
export function latencyRow(
  label: string,
  p: number,
  delivery: Delivery,
  roundTrips: number[],
  targetMs: number | null,
): Row {
  const measured = percentile(delivery.latencies, p);
  const base = percentile(roundTrips, p);
  return {
    scenario: `${label}: p${p}`,
    measured: `${measured.toFixed(2)} ms`,
    baseline: `${base.toFixed(2)} ms POST round trip`,
    ratio: (measured / base).toFixed(2),
    target: targetMs === null ? "" : `≤ ${targetMs} ms`,
    met: targetMs === null ? null : measured <= targetMs && delivery.missing === 0,
  };
}

/** A new bin's secrets: the token to capture with, the key to read with. */
export async function createBin(base: string): Promise<{ token: string; key: string }> {
  const res = await fetch(`${base}/api/bins`, { method: "POST" });
  if (res.status !== 201) throw new Error(`creating a bin failed: ${res.status} ${await res.text()}`);
  const { token, key } = (await res.json()) as { token: string; key: string };
  return { token, key };
}

export interface Row {
  scenario: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

/** Records appended and fdatasyncs made so far by the durable floor (its GET /stats). */
export async function floorStats(floor: Baseline): Promise<{ records: number; syncs: number }> {
  const res = await fetch(`${floor.url}/stats`);
  return (await res.json()) as { records: number; syncs: number };
}
