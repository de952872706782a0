// The load of the throughput scenarios. wrk (Debian's `wrk` package), when installed, is a C load
// generator that costs a few µs of CPU per request; autocannon, the fallback, runs in this process
// and costs ~30 µs per request of the same two cores the servers run on, which lowers every figure
// bound by CPU (the bare baseline's, Hookscope's) far more than one bound by the disk (the durable
// floor's). The issue that set the capture targets measured them with wrk.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  total: number;
}

export interface Load {
  url: string;
  method: "POST";
  connections: number;
  headers: Record<string, string>;
  body: string;
  /** Seconds. */
  duration: number;
}

let wrkFound: boolean | undefined;

/** Which generator throughput() uses: wrk when it is on the PATH, unless BENCH_LOAD=autocannon. */
export function loadGenerator(): "wrk" | "autocannon" {
  if (process.env.BENCH_LOAD === "autocannon") return "autocannon";
  if (wrkFound === undefined) {
    try {
      execFileSync("wrk", ["--version"], { stdio: "ignore" });
      wrkFound = true;
    } catch (err) {
      // wrk --version prints its usage and exits 1: it is there all the same.
      wrkFound = (err as { status?: number }).status === 1;
    }
  }
  return wrkFound ? "wrk" : "autocannon";
}

/** Runs the load for its duration and reports what it measured. */
export function throughput(load: Load): Promise<LoadResult> {
  return loadGenerator() === "wrk" ? withWrk(load) : withAutocannon(load);
}

export async function withAutocannon(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon(options);
  return {
    requestsPerSecond: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}

async function withWrk(load: Load): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "hookscope-wrk-"));
  const script = path.join(dir, "request.lua");
  // A long-bracket string literal; inside an index it needs spaces around it, since "[[" would
  // open a string of its own.
  const lua = (text: string) => ` [==[${text}]==] `;
  writeFileSync(
    script,
    [
      `wrk.method = ${lua(load.method)}`,
      `wrk.body = ${lua(load.body)}`,
      ...Object.entries(load.headers).map(([name, value]) => `wrk.headers[${lua(name)}] = ${lua(value)}`),
    ].join("\n"),
  );
  try {
    const args = ["-t1", `-c${load.connections}`, `-d${load.duration}s`, "-s", script, load.url];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      let errors = "";
      child.stdout.on("data", (d) => {
        text += d;
      });
      child.stderr.on("data", (d) => {
        errors += d;
      });
      child.once("error", reject);
      child.once("exit", (code) => {
        // wrk reports a script it cannot load and then sends plain GETs: that run measured something else.
        if (code !== 0 || errors.includes("request.lua")) reject(new Error(`wrk exited ${code}:\n${errors}${text}`));
        else resolve(text);
      });
    });
    const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
    return {
      requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
      non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
      errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
      total: number(/(\d+) requests in/),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
