// Starts the real Hookscope server (server.ts, production build) on a random port with a
// temporary SQLite file, as a child process the tests can stop, kill and restart. With
// HOOKSCOPE_TEST_POSTGRES=1, each server gets a fresh PostgreSQL database instead, on the test
// cluster (tests/support/postgres.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDatabase } from "./postgres.ts";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** True when this run stores in PostgreSQL (tests that read the SQLite file itself do not apply). */
export const ON_POSTGRES = process.env.HOOKSCOPE_TEST_POSTGRES === "1";

export interface TestServer {
  url: string;
  pid: number;
  port: number;
  /** The SQLite file; on PostgreSQL, the database's URL (pass it back to restart on the same data). */
  dbFile: string;
  dir: string;
  logs(): string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit. */
  kill9(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse a database (for restarts); a new temp file by default. */
  dbFile?: string;
}

const dirs: string[] = [];
/** Ports of the servers this file started: their API answers are checked against the API document. */
const serverPorts = new Set<number>();

export function isTestServerPort(port: number): boolean {
  return serverPorts.has(port);
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")) || !existsSync(path.join(ROOT, "dist", "server.mjs"))) {
    throw new Error("No production build: run `npm run build` before the integration tests.");
  }
  let dir: string;
  let dbFile: string;
  const onPostgres = (file: string) => /^postgres(ql)?:/.test(file);
  if (options.dbFile && !onPostgres(options.dbFile)) {
    dbFile = options.dbFile;
    dir = path.dirname(dbFile);
  } else {
    dir = mkdtempSync(path.join(tmpdir(), "hookscope-test-"));
    dirs.push(dir);
    dbFile =
      options.dbFile ?? (ON_POSTGRES ? await createDatabase(inject("postgresUrl")) : path.join(dir, "hookscope.db"));
  }
  const databaseUrl = onPostgres(dbFile) ? dbFile : `file:${dbFile}`;
  const { child, output, exited } = spawnServer({ DATABASE_URL: databaseUrl, ...options.env });
  const port = await waitForPort(child, output, exited);
  serverPorts.add(port);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    port,
    dbFile,
    dir,
    logs: output,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Starts the server expecting it to exit during start-up; returns its exit code and output. */
export async function startServerExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "hookscope-test-"));
  dirs.push(dir);
  const { child, output, exited } = spawnServer({ DATABASE_URL: `file:${dir}/h.db`, ...env });
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}

/** Runs server.ts as a child process with a clean environment plus `env`, collecting its output. */
function spawnServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["dist/server.mjs"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (d) => {
    text += d;
  });
  child.stderr?.on("data", (d) => {
    text += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

function waitForPort(child: ChildProcess, output: () => string, exited: Promise<number | null>): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill("SIGKILL");
      reject(new Error(`server did not start within 60 s:\n${output()}`));
    }, 60_000);
    const poll = setInterval(() => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output());
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited during start-up (code ${code}):\n${output()}`));
    });
  });
}

/** Removes the temp directories of every server started by this file's tests. */
export function cleanupServers(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A port that was free a moment ago, for servers that must keep their port across a restart. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
