// A throwaway PostgreSQL cluster for the tests: vitest's globalSetup starts one per run (initdb
// into a temporary folder, a free port, fsync off: about a second), tests create a database of
// their own on it (one per test file, server or contract case), and the cluster is stopped with
// `-m immediate` at the end, its folder removed. The benchmark starts one as well, durable (fsync
// on, as in production), so that its figures include the cost of commits reaching the disk.
// PostgreSQL comes from Debian's `postgresql` package (.ci/run installs it); initdb refuses to run
// as root, so as root it runs as `postgres`.
// The cluster's locale is C.UTF-8, whose lower() folds more than ASCII, as a production database's
// usually does: the search must fold ASCII letters only all the same.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the test cluster's `postgres` database; createDatabase() makes one per user. */
    postgresUrl: string;
  }
}

const PG_ROOT = "/usr/lib/postgresql";

function binDir(): string {
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest || !existsSync(path.join(PG_ROOT, newest, "bin", "initdb"))) {
    throw new Error(`PostgreSQL is not installed (no ${PG_ROOT}/*/bin/initdb): apt-get install postgresql`);
  }
  return path.join(PG_ROOT, newest, "bin");
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  /** URL of the `postgres` database, as the superuser. */
  url: string;
  stop(): void;
}

export interface ClusterOptions {
  /** Keep fsync on, as in production; the tests turn it off because they need no durability. */
  durable?: boolean;
}

export async function startCluster({ durable = false }: ClusterOptions = {}): Promise<Cluster> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "hookscope-pg-"));
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? "postgres" : (process.env.USER ?? "postgres");
  if (asRoot) {
    const id = (name: string) => Number(execFileSync("id", [name, "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? "runuser" : path.join(bin, tool);
    const argv = asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: ["ignore", "ignore", "pipe"], cwd: dir });
  };
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "--auth=trust", "--no-sync", "-U", user, "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${durable ? "on" : "off"} -c max_connections=200`;
  run("pg_ctl", ["-D", data, "-w", "-l", path.join(dir, "log"), "-o", options, "start"]);
  return {
    url: `postgresql://${user}@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let counter = 0;

/**
 * Creates a database on the cluster of `clusterUrl` and returns its URL: empty, or a copy of the
 * database named `template` (which must have no open connection).
 */
export async function createDatabase(clusterUrl: string, template?: string): Promise<string> {
  const name = `hookscope_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

let cluster: Cluster | undefined;

/**
 * vitest globalSetup: one cluster for the run, its URL provided as `postgresUrl`. The integration
 * project needs it only for its PostgreSQL run (HOOKSCOPE_TEST_POSTGRES=1).
 */
export async function setup(project: TestProject): Promise<void> {
  if (project.name === "integration" && process.env.HOOKSCOPE_TEST_POSTGRES !== "1") return;
  cluster = await startCluster();
  project.provide("postgresUrl", cluster.url);
}

export function teardown(): void {
  cluster?.stop();
  cluster = undefined;
}
