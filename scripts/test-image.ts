// The container image, tested the way a deployment uses it. `npm test` runs this when podman is
// installed; alone: `npx tsx scripts/test-image.ts` (as root when the base image must be made).
// It builds the Dockerfile with podman, runs the image on a free local port with a fresh volume
// and checks: health (over HTTP and through the image's own HEALTHCHECK), a page served, a bin
// created through the API, a capture read back byte-exact, the server running as PID 1 under a
// non-root user, a clean and timely exit on SIGTERM, and the capture still there after a restart
// on the same volume. Ends with one line saying whether it passed, and exits 1 when not.
//
// Where no container registry is reachable (CI machines), node:20-bookworm-slim is made locally
// instead: a Debian bookworm made by debootstrap with this machine's Node copied in, laid out as
// the official image is, and kept in podman's store for later runs.
import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { type IncomingHttpHeaders, request } from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

const root = path.resolve(import.meta.dirname, "..");
const BASE_IMAGE = "docker.io/library/node:20-bookworm-slim";
const IMAGE = "localhost/hookscope:test";
const DEBIAN_SUITE = "bookworm";

// Every wait is bounded.
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const PULL_TIMEOUT_MS = 3 * MINUTE;
const STAND_IN_TIMEOUT_MS = 10 * MINUTE;
const BUILD_TIMEOUT_MS = 20 * MINUTE;
const COMMAND_TIMEOUT_MS = MINUTE;
const HEALTHY_WITHIN_MS = MINUTE;
const HTTP_TIMEOUT_MS = 10 * SECOND;
/** Docker's default grace period on stop: past it the server is killed (exit 137), which fails the test. */
const STOP_WITHIN_S = 10;

class Failure extends Error {}

interface RunOptions {
  timeoutMs?: number;
  /** Show the command's output as it runs instead of keeping it for an error message. */
  showOutput?: boolean;
}

/** Runs a command to its end (within its timeout) and returns its standard output. */
function run(command: string, args: string[], options: RunOptions = {}): string {
  const timeoutMs = options.timeoutMs ?? COMMAND_TIMEOUT_MS;
  const spawnOptions: SpawnSyncOptions = {
    cwd: root,
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
    stdio: options.showOutput ? "inherit" : "pipe",
  };
  const result = spawnSync(command, args, spawnOptions);
  const shown = `${command} ${args.slice(0, 2).join(" ")}`;
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ETIMEDOUT") {
    throw new Failure(`\`${shown}\` did not finish within ${timeoutMs / SECOND} s`);
  }
  if (result.error) throw new Failure(`\`${shown}\` could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const stderr = result.stderr?.toString().trim().split("\n").slice(-20).join("\n") ?? "";
    throw new Failure(`\`${shown}\` exited with ${result.status ?? result.signal}${stderr ? `:\n${stderr}` : ""}`);
  }
  return result.stdout?.toString() ?? "";
}

const podman = (args: string[], options?: RunOptions) => run("podman", args, options);

function say(message: string): void {
  console.log(`[test-image] ${message}`);
}

// ---------------------------------------------------------------------------------------------
// The base image

function ensureBaseImage(): void {
  if (spawnSync("podman", ["image", "exists", BASE_IMAGE]).status === 0) return;
  say(`pulling ${BASE_IMAGE}`);
  try {
    podman(["pull", "--quiet", BASE_IMAGE], { timeoutMs: PULL_TIMEOUT_MS });
    return;
  } catch (err) {
    say(`cannot pull it (${lastLine(err)}): making a local stand-in with debootstrap`);
  }
  buildBaseStandIn();
}

/**
 * Makes node:20-bookworm-slim locally: Debian bookworm (minbase) with this machine's Node 20 where
 * the official image keeps it (/usr/local: node, npm, the headers native modules compile against),
 * its `node` user (uid 1000) and its entrypoint. The CA file this machine's Node trusts
 * ($NODE_EXTRA_CA_CERTS, e.g. a proxy's) is copied in and named the same way, so `npm ci` in the
 * build reaches the registry as it does here.
 */
function buildBaseStandIn(): void {
  if (process.getuid?.() !== 0) throw new Failure("making the base image needs root (debootstrap, chroot)");
  if (process.versions.node.split(".")[0] !== "20") {
    throw new Failure(`the base image carries this machine's Node, which must be 20 (it is ${process.version})`);
  }
  const started = Date.now();
  const work = mkdtempSync(path.join(os.tmpdir(), "hookscope-base-"));
  const rootfs = path.join(work, "rootfs");
  try {
    const mirror = debianMirror();
    say(`debootstrap ${DEBIAN_SUITE} from ${mirror}`);
    run("debootstrap", ["--variant=minbase", DEBIAN_SUITE, rootfs, mirror], { timeoutMs: STAND_IN_TIMEOUT_MS });
    rmSync(path.join(rootfs, "var/cache/apt/archives"), { recursive: true, force: true });
    mkdirSync(path.join(rootfs, "var/cache/apt/archives/partial"), { recursive: true });

    const prefix = path.resolve(path.dirname(process.execPath), "..");
    const local = path.join(rootfs, "usr/local");
    mkdirSync(path.join(local, "lib/node_modules"), { recursive: true });
    mkdirSync(path.join(local, "include"), { recursive: true });
    run("cp", ["-a", process.execPath, path.join(local, "bin/node")]);
    run("cp", ["-a", path.join(prefix, "lib/node_modules/npm"), path.join(local, "lib/node_modules/npm")]);
    run("cp", ["-a", path.join(prefix, "include/node"), path.join(local, "include/node")]);
    run("ln", ["-s", "../lib/node_modules/npm/bin/npm-cli.js", path.join(local, "bin/npm")]);
    run("ln", ["-s", "../lib/node_modules/npm/bin/npx-cli.js", path.join(local, "bin/npx")]);
    writeFileSync(path.join(local, "bin/docker-entrypoint.sh"), ENTRYPOINT);
    chmodSync(path.join(local, "bin/docker-entrypoint.sh"), 0o755);
    run("chroot", [
      rootfs,
      "sh",
      "-c",
      "groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node",
    ]);

    const changes = [
      "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      `ENV NODE_VERSION=${process.versions.node}`,
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'CMD ["node"]',
      "LABEL io.hookscope.base-stand-in=debootstrap",
    ];
    const extraCa = process.env.NODE_EXTRA_CA_CERTS;
    if (extraCa && existsSync(extraCa)) {
      const inImage = "/usr/local/share/ca-certificates/node-extra-ca.crt";
      mkdirSync(path.dirname(path.join(rootfs, inImage)), { recursive: true });
      run("cp", [extraCa, path.join(rootfs, inImage)]);
      changes.push(`ENV NODE_EXTRA_CA_CERTS=${inImage}`);
    }
    const tarball = path.join(work, "rootfs.tar");
    run("tar", ["-C", rootfs, "-cf", tarball, "."], { timeoutMs: STAND_IN_TIMEOUT_MS });
    podman(["import", ...changes.flatMap((change) => ["--change", change]), tarball, BASE_IMAGE], {
      timeoutMs: STAND_IN_TIMEOUT_MS,
    });
    say(`made ${BASE_IMAGE} in ${seconds(started)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The official image's entrypoint: runs the command given, with node when it is not a command. */
const ENTRYPOINT = `#!/bin/sh
set -e
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
`;

/** The Debian archive this machine's apt reads bookworm from (debootstrap fetches from it). */
function debianMirror(): string {
  const entries: { uris: string[]; suites: string[] }[] = [];
  const dir = "/etc/apt/sources.list.d";
  const files = [
    "/etc/apt/sources.list",
    ...(existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name)) : []),
  ];
  for (const file of files.filter((f) => existsSync(f))) {
    const text = readFileSync(file, "utf8");
    if (file.endsWith(".sources")) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const field = (name: string) =>
          stanza
            .match(new RegExp(`^${name}:[ \\t]*(.+)$`, "mi"))?.[1]
            ?.trim()
            .split(/\s+/) ?? [];
        if (field("Types").includes("deb")) entries.push({ uris: field("URIs"), suites: field("Suites") });
      }
    } else {
      for (const match of text.matchAll(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/gm)) {
        entries.push({ uris: [match[1] ?? ""], suites: [match[2] ?? ""] });
      }
    }
  }
  return entries.find((entry) => entry.suites.includes(DEBIAN_SUITE))?.uris[0] ?? "http://deb.debian.org/debian";
}

// ---------------------------------------------------------------------------------------------
// The image under test

function buildImage(): void {
  const started = Date.now();
  const previous = imageId();
  say(`building ${IMAGE}`);
  // Docker's format keeps HEALTHCHECK (the OCI format has no place for it and drops it).
  podman(["build", "--format", "docker", "--pull=never", "--tag", IMAGE, "--file", "Dockerfile", "."], {
    timeoutMs: BUILD_TIMEOUT_MS,
    showOutput: true,
  });
  // The image the tag named before is of no further use; its build stages stay as the layer cache.
  if (previous && previous !== imageId()) spawnSync("podman", ["rmi", previous], { timeout: COMMAND_TIMEOUT_MS });
  const bytes = Number(podman(["image", "inspect", "--format", "{{.Size}}", IMAGE]).trim());
  say(`built ${IMAGE} in ${seconds(started)}: ${(bytes / 1e6).toFixed(0)} MB`);
}

function imageId(): string | null {
  const result = spawnSync("podman", ["image", "inspect", "--format", "{{.Id}}", IMAGE], {
    encoding: "utf8",
    timeout: COMMAND_TIMEOUT_MS,
  });
  return result.status === 0 ? result.stdout.trim() : null;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP request to the container's published port, named as the app expects (localhost). */
function http(
  port: number,
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path: target,
        headers: { Host: `localhost:${port}`, ...options.headers },
        timeout: HTTP_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${HTTP_TIMEOUT_MS / SECOND} s`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Failure(message);
}

function json<T>(reply: Reply, what: string, status: number): T {
  expect(reply.status === status, `${what}: expected ${status}, got ${reply.status}: ${reply.body.toString()}`);
  return JSON.parse(reply.body.toString()) as T;
}

/** Starts the container (created on first use) and returns the local port published for 3000. */
async function start(name: string, volume: string, create: boolean): Promise<number> {
  if (create) {
    podman([
      "run",
      "--detach",
      "--name",
      name,
      "--publish",
      "127.0.0.1::3000",
      "--volume",
      `${volume}:/app/data`,
      IMAGE,
    ]);
  } else {
    podman(["start", name]);
  }
  const published = podman(["port", name, "3000/tcp"]).trim().split("\n")[0] ?? "";
  const port = Number(published.slice(published.lastIndexOf(":") + 1));
  expect(port > 0, `podman published no port for 3000 (${published})`);
  await waitForHealth(name, port);
  return port;
}

async function waitForHealth(name: string, port: number): Promise<void> {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  for (;;) {
    const state = podman(["inspect", "--format", "{{.State.Status}}", name]).trim();
    if (state !== "running") {
      throw new Failure(`the container stopped before it was healthy (${state}):\n${logs(name)}`);
    }
    const reply = await http(port, "GET", "/api/health").catch(() => null);
    if (reply?.status === 200) return;
    if (Date.now() > deadline) {
      throw new Failure(`/api/health did not answer 200 within ${HEALTHY_WITHIN_MS / SECOND} s:\n${logs(name)}`);
    }
    await delay(250);
  }
}

function logs(name: string): string {
  return spawnSync("podman", ["logs", name], { encoding: "utf8", timeout: COMMAND_TIMEOUT_MS }).output.join("");
}

/**
 * Stops the container as an orchestrator does (SIGTERM, then SIGKILL after the grace period).
 * `runs` is how many times it has been started: its log holds every run's lines.
 */
function stopCleanly(name: string, runs: number): void {
  const started = Date.now();
  podman(["stop", "--time", String(STOP_WITHIN_S), name], { timeoutMs: (STOP_WITHIN_S + 30) * SECOND });
  const exitCode = podman(["inspect", "--format", "{{.State.ExitCode}}", name]).trim();
  const output = logs(name);
  expect(
    exitCode === "0",
    `after SIGTERM the server exited with ${exitCode} (137: killed after ${STOP_WITHIN_S} s):\n${output}`,
  );
  const count = (line: string) => output.split("\n").filter((l) => l.trim() === line).length;
  expect(
    count("[hookscope] SIGTERM: finishing in-flight captures") === runs && count("[hookscope] stopped") === runs,
    `the server's log does not show a SIGTERM shutdown:\n${output}`,
  );
  say(`SIGTERM: exited 0 in ${seconds(started)}`);
}

interface Bin {
  captureUrl: string;
  inspectUrl: string;
}

interface CapturedRecord {
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
}

async function checkContainer(name: string, volume: string): Promise<void> {
  // Declared, so that a container run without a volume option still keeps its data out of its
  // writable layer (an anonymous volume).
  const volumes = podman(["image", "inspect", "--format", "{{json .Config.Volumes}}", IMAGE]);
  expect(volumes.includes('"/app/data"'), `the image declares no volume at /app/data (${volumes.trim()})`);

  let port = await start(name, volume, true);
  say(`healthy on 127.0.0.1:${port}`);
  podman(["healthcheck", "run", name]);
  say("the image's HEALTHCHECK passes");

  const status = podman(["exec", name, "cat", "/proc/1/status"]);
  const uid = status.match(/^Uid:\s+(\d+)/m)?.[1];
  expect(uid !== undefined && uid !== "0", `PID 1 runs as uid ${uid}, not as an unprivileged user`);
  const command = podman(["exec", name, "cat", "/proc/1/cmdline"]).split("\0").filter(Boolean).join(" ");
  expect(command === "node dist/server.mjs", `PID 1 is \`${command}\`, not the server: SIGTERM would not reach it`);
  say(`PID 1 is \`${command}\` as uid ${uid}`);

  const home = await http(port, "GET", "/");
  expect(
    home.status === 200 && String(home.headers["content-type"]).startsWith("text/html"),
    `GET / answered ${home.status} ${home.headers["content-type"]}`,
  );

  const bin = json<Bin>(
    await http(port, "POST", "/api/bins", {
      headers: { "Content-Type": "application/json" },
      body: Buffer.from("{}"),
    }),
    "POST /api/bins",
    201,
  );
  const capturePath = new URL(bin.captureUrl).pathname;
  // The inspect URL ends with what opens the bin's API (/b/{key}).
  const key = new URL(bin.inspectUrl).pathname.split("/").pop();
  // Every byte value, then random bytes: not valid UTF-8, so it can only survive as bytes.
  const body = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(64 * 1024)]);
  const captured = await http(port, "POST", `${capturePath}/image-check/sub?x=1&y=%20`, {
    headers: { "Content-Type": "application/octet-stream", "X-Image-Check": "Case-Kept" },
    body,
  });
  expect(captured.status === 200, `the capture answered ${captured.status}: ${captured.body.toString()}`);
  const requestId = captured.headers["x-hookscope-request-id"];
  expect(typeof requestId === "string", "the capture's answer has no X-Hookscope-Request-Id");

  const readBack = async (when: string) => {
    const base = `/api/bins/${key}/requests/${requestId}`;
    const record = json<CapturedRecord>(await http(port, "GET", base), `reading the capture ${when}`, 200);
    expect(
      record.method === "POST" && record.path === "/image-check/sub" && record.query === "x=1&y=%20",
      `${when}, the capture reads ${record.method} ${record.path}?${record.query}`,
    );
    expect(
      record.headers.some(([headerName, value]) => headerName === "X-Image-Check" && value === "Case-Kept"),
      `${when}, the capture's headers lost X-Image-Check: Case-Kept`,
    );
    const stored = await http(port, "GET", `${base}/body`);
    expect(stored.status === 200, `reading the body ${when} answered ${stored.status}`);
    expect(
      stored.body.equals(body),
      `${when}, the body reads back as ${stored.body.length} bytes that differ from the ${body.length} sent`,
    );
  };
  await readBack("after capture");
  say(`captured ${body.length} bytes and read them back byte-exact`);

  stopCleanly(name, 1);

  port = await start(name, volume, false);
  await readBack("after a restart on the same volume");
  say("the capture is still there after a restart on the same volume");
  stopCleanly(name, 2);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / SECOND).toFixed(1)} s`;
}

function lastLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).trim().split("\n").pop() ?? "";
}

async function main(): Promise<void> {
  const started = Date.now();
  ensureBaseImage();
  buildImage();
  const suffix = randomBytes(4).toString("hex");
  const name = `hookscope-image-test-${suffix}`;
  const volume = `hookscope-image-test-${suffix}`;
  podman(["volume", "create", volume]);
  try {
    await checkContainer(name, volume);
  } finally {
    spawnSync("podman", ["rm", "--force", "--time", "0", name], { timeout: COMMAND_TIMEOUT_MS });
    spawnSync("podman", ["volume", "rm", "--force", volume], { timeout: COMMAND_TIMEOUT_MS });
  }
  console.log(`container image: passed in ${seconds(started)}`);
}

main().catch((err: unknown) => {
  console.error(`container image: FAILED: ${err instanceof Failure ? err.message : err}`);
  process.exit(1);
});
