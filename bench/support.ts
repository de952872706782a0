// Shared pieces of the benchmark: processes, load, percentiles, memory readings.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface Baseline {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function startBaseline(): Promise<Baseline> {
  const child: ChildProcess = spawn(process.execPath, ["bench/baseline-server.mjs"], {
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
    child.once("exit", (code) => reject(new Error(`baseline exited (${code})`)));
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

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export interface LoadResult {
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  total: number;
}

export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon(options);
  return {
    requestsPerSecond: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}

export const JSON_1KB = JSON.stringify({
  id: "evt_1NqT2b2eZvKYlo2C",
  type: "invoice.paid",
  data: { object: { id: "in_1", amount_due: 4200, customer: "cus_9", lines: "x".repeat(880) } },
}).slice(0, 1024);

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
