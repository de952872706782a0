// The benchmark's durable floor (bench/durable-floor-server.mjs) is the reference every capture
// rate is held to, so it must keep the promise it stands for: no 200 before the body is in the
// log, and concurrent bodies sharing one fdatasync (group commit) rather than one each.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const REQUESTS = 50;
const dir = mkdtempSync(path.join(tmpdir(), "hookscope-floor-test-"));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function startFloor(): Promise<string> {
  child = spawn(process.execPath, ["bench/durable-floor-server.mjs"], {
    cwd: ROOT,
    env: { ...process.env, FLOOR_DIR: dir, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child?.stdout?.on("data", (d) => {
      out += d;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child?.once("exit", (code) => reject(new Error(`durable floor exited (${code})`)));
  });
}

/** The log's bodies, checking its framing: a 4-byte big-endian length, then that many bytes. */
function loggedBodies(): string[] {
  const log = readFileSync(path.join(dir, "capture.log"));
  const bodies: string[] = [];
  let offset = 0;
  while (offset < log.length) {
    expect(offset + 4).toBeLessThanOrEqual(log.length);
    const length = log.readUInt32BE(offset);
    expect(offset + 4 + length).toBeLessThanOrEqual(log.length);
    bodies.push(log.subarray(offset + 4, offset + 4 + length).toString("utf8"));
    offset += 4 + length;
  }
  return bodies;
}

interface Sent {
  body: string;
  req: http.ClientRequest;
  answer: Promise<{ status: number; logged: boolean }>;
}

function send(url: string, agent: http.Agent, body: string): Sent {
  let req: http.ClientRequest | undefined;
  const answer = new Promise<{ status: number; logged: boolean }>((resolve, reject) => {
    req = http.request(
      `${url}/h/anything`,
      { method: "POST", agent, headers: { "content-length": Buffer.byteLength(body) } },
      (res) => {
        // Read at the moment of the answer: the record must already be in the log.
        const logged = loggedBodies().includes(body);
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, logged }));
      },
    );
    req.on("error", reject);
  });
  return { body, req: req as http.ClientRequest, answer };
}

describe("durable floor", () => {
  it("answers each request only once its record is in the log, with fewer fdatasyncs than requests", async () => {
    const url = await startFloor();
    const agent = new http.Agent({ keepAlive: false, maxSockets: REQUESTS });
    const bodies = Array.from({ length: REQUESTS }, (_, i) => JSON.stringify({ i, pad: "x".repeat(1000) }));
    // Every body goes out but its last byte, then all the last bytes together: the bodies complete
    // at the server in one burst, while the first group's write and fdatasync are under way.
    const sent = bodies.map((body) => send(url, agent, body));
    for (const { req, body } of sent) req.write(body.slice(0, -1));
    for (const { req, body } of sent) req.end(body.slice(-1));
    const answers = await Promise.all(sent.map((s) => s.answer));
    agent.destroy();

    expect(answers).toEqual(bodies.map(() => ({ status: 200, logged: true })));
    expect(loggedBodies().sort()).toEqual([...bodies].sort());
    const stats = (await (await fetch(`${url}/stats`)).json()) as { records: number; syncs: number };
    expect(stats.records).toBe(REQUESTS);
    expect(stats.syncs).toBeGreaterThanOrEqual(1);
    expect(stats.syncs).toBeLessThan(REQUESTS);
  });
});
