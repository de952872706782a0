// `hookscope replay` end to end: against a real server and a real target it prints one line per
// send as the server makes it (or JSON lines with --json), exits 0 when every send got an answer,
// 1 when any did not or the server refused, and 2 on a usage mistake.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../cli/args.mjs";
import { sendLine } from "../cli/replay.mjs";
import type { BinJson } from "../lib/bins/types.ts";
import type { ReplaySend, ReplayTotals } from "../lib/replay/types.ts";
import { createBin } from "./support/http.ts";
import { cleanupServers, ROOT, startServer, type TestServer } from "./support/server.ts";
import { closedPort, startTarget, type Target } from "./support/target.ts";

const CLI = path.join(ROOT, "cli", "hookscope.mjs");

let server: TestServer;
let target: Target;
beforeAll(async () => {
  [server, target] = await Promise.all([startServer(), startTarget()]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), target?.close()]);
  cleanupServers();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HOOKSCOPE_ACCESS_KEY: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

async function binOf(captures: [string, string, string][]): Promise<{ bin: BinJson; ids: string[] }> {
  const bin = await createBin(server.url);
  const ids: string[] = [];
  for (const [method, sub, body] of captures) {
    const res = await fetch(`${server.url}/h/${bin.token}${sub}`, {
      method,
      body: method === "GET" ? undefined : body,
    });
    expect(res.status).toBe(200);
    ids.push(res.headers.get("x-hookscope-request-id") as string);
  }
  return { bin, ids };
}

const lines = (text: string) => text.trim().split("\n");

describe("hookscope replay", () => {
  it("replays every capture in order, round after round, one line per send, and exits 0", async () => {
    const { bin } = await binOf([
      ["POST", "/a", "one"],
      ["PUT", "/b?x=1", "two"],
      ["GET", "/c", ""],
    ]);
    const before = target.received.length;
    const run = await runCli(["replay", bin.inspectUrl, "--to", `${target.url}/hook`, "--repeat", "2"]);
    expect(run.code).toBe(0);
    const printed = lines(run.stdout);
    expect(printed).toHaveLength(6);
    const expected = [1, 2].flatMap((round) => [
      `round ${round} #1 POST /a -> 200`,
      `round ${round} #2 PUT /b?x=1 -> 200`,
      `round ${round} #3 GET /c -> 200`,
    ]);
    expect(printed.map((line) => line.replace(/ \d+ ms$/, ""))).toEqual(expected);
    for (const line of printed) expect(line).toMatch(/ \d+ ms$/);
    expect(run.stderr).toContain("6 answered, 0 failed");
    expect(target.received.slice(before).map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      "POST /hook one",
      "PUT /hook two",
      "GET /hook ",
      "POST /hook one",
      "PUT /hook two",
      "GET /hook ",
    ]);
  });

  it("replays the --ids given, or the captures passing --method and --q, as JSON lines with --json", async () => {
    const { bin, ids } = await binOf([
      ["POST", "/first", "zebra"],
      ["PUT", "/second", "lion"],
      ["POST", "/third", "zebra"],
    ]);
    const byIds = await runCli([
      "replay",
      bin.key,
      "--server",
      server.url,
      "--to",
      `${target.url}/ids`,
      "--ids",
      `${ids[2]},${ids[0]}`,
      "--json",
    ]);
    expect(byIds.code).toBe(0);
    const parsed = lines(byIds.stdout).map((l) => JSON.parse(l) as ReplaySend | ReplayTotals);
    expect(parsed.slice(0, 2).map((l) => (l as ReplaySend).requestId)).toEqual([ids[0], ids[2]]);
    expect((parsed[0] as ReplaySend).resend).toMatchObject({ status: 200, body: "ok", error: null });
    expect(parsed[2]).toEqual({ sent: 2, failed: 0 });

    const filtered = await runCli([
      "replay",
      bin.inspectUrl,
      "--to",
      `${target.url}/f`,
      "--method",
      "post",
      "--q",
      "ZEBRA",
    ]);
    expect(filtered.code).toBe(0);
    expect(lines(filtered.stdout).map((l) => l.replace(/ \d+ ms$/, ""))).toEqual([
      "round 1 #1 POST /first -> 200",
      "round 1 #3 POST /third -> 200",
    ]);
  });

  it("replays only the redeliveries with --redelivered", async () => {
    // Without an event id in its headers, a body's delivery key is its SHA-256: the third is the
    // first one's second delivery.
    const { bin } = await binOf([
      ["POST", "/first", "evt-1"],
      ["POST", "/second", "evt-2"],
      ["POST", "/again", "evt-1"],
    ]);
    const run = await runCli(["replay", bin.inspectUrl, "--to", `${target.url}/r`, "--redelivered"]);
    expect(run.stderr).toBe("1 answered, 0 failed\n");
    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((l) => l.replace(/ \d+ ms$/, ""))).toEqual(["round 1 #3 POST /again -> 200"]);
  });

  it("exits 1 when a send gets no answer, or the server refuses the replay", async () => {
    const { bin } = await binOf([["POST", "/x", "x"]]);
    const unreachable = await runCli(["replay", bin.inspectUrl, "--to", `http://127.0.0.1:${await closedPort()}/`]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toMatch(/^round 1 #1 POST \/x -> target_unreachable: .* \d+ ms\n$/);
    expect(unreachable.stderr).toContain("0 answered, 1 failed");

    const unknown = "01900000-0000-7000-8000-00000000f00d";
    const refused = await runCli(["replay", bin.inspectUrl, "--to", `${target.url}/`, "--ids", unknown]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the server answered 404: No captured request with id "${unknown}"`);

    const noBin = await runCli(["replay", "k".repeat(24), "--server", server.url, "--to", `${target.url}/`]);
    expect(noBin.code).toBe(1);
    expect(noBin.stderr).toContain("has no such bin");

    const down = await runCli([
      "replay",
      "k".repeat(24),
      "--server",
      `http://127.0.0.1:${await closedPort()}`,
      "--to",
      target.url,
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain("cannot reach");
  });

  it("exits 2 on a usage mistake", async () => {
    const key = "k".repeat(24);
    for (const args of [
      ["replay", key],
      ["replay", key, "--to", "ftp://x"],
      ["replay", key, "--to", "http://x/", "--ids", "a", "--method", "POST"],
      ["replay", key, "--to", "http://x/", "--ids", "a", "--redelivered"],
      ["replay", key, "--to", "http://x/", "--repeat", "0"],
      ["replay", key, "--to", "http://x/", "--pace-ms", "-5"],
      ["replay", key, "--to", "http://x/", "--path", "/a"],
      ["wait", key, "--repeat", "2"],
    ]) {
      const run = await runCli(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toContain("Usage:");
    }
  });

  it("parses replay's options", () => {
    const key = "k".repeat(24);
    expect(
      parseArgs(["replay", key, "--to", "http://127.0.0.1:9/", "--ids", "a, b", "--repeat", "3", "--pace-ms", "250"]),
    ).toEqual({
      help: false,
      command: "replay",
      server: "http://127.0.0.1:3000",
      key,
      replay: {
        to: "http://127.0.0.1:9/",
        ids: ["a", "b"],
        method: null,
        q: null,
        redelivered: false,
        repeat: 3,
        paceMs: 250,
        json: false,
      },
    });
  });

  it("shows a captured path's control characters as escapes", () => {
    const line = sendLine({
      requestId: "r1",
      seq: 4,
      round: 2,
      method: "POST",
      path: "/a\u001b]0;owned\u0007b",
      query: "x=\u009b2J",
      resend: { id: "s1", status: 201, durationMs: 7, error: null },
    });
    expect(line).toBe("round 2 #4 POST /a\\x1b]0;owned\\x07b?x=\\x9b2J -> 201 7 ms");
  });
});
