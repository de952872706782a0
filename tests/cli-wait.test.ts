// `hookscope wait` end to end: against a real server it prints the first matching capture (a
// summary line, or the full record with --json) and exits 0; it exits 1 when none arrives in time
// and 2 on a usage mistake; on a private server it reads HOOKSCOPE_ACCESS_KEY.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../cli/args.mjs";
import { recordJson, summaryLine } from "../cli/wait.mjs";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestRecord } from "../lib/requests/types.ts";
import { createBin, getRecord } from "./support/http.ts";
import { cleanupServers, ROOT, startServer, type TestServer } from "./support/server.ts";

const CLI = path.join(ROOT, "cli", "hookscope.mjs");

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `whileRunning` is called once it has started (to capture while it waits). */
function runCli(args: string[], env: Record<string, string> = {}, whileRunning?: () => Promise<void>): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HOOKSCOPE_ACCESS_KEY: "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return (async () => {
    await whileRunning?.();
    const code = await exited;
    return { code, stdout, stderr };
  })();
}

async function capture(bin: BinJson, target: string, init: RequestInit = {}): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}${target}`, { method: "POST", body: target, ...init });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

describe("hookscope wait", () => {
  it("prints the full record of the first matching capture with --json and exits 0", async () => {
    const bin = await createBin(server.url);
    await capture(bin, "/ci/build", { method: "PUT" });
    await capture(bin, "/other/done");
    let id = "";
    const run = await runCli(
      ["wait", bin.inspectUrl, "--after", "0", "--method", "POST", "--path", "/ci/**", "--q", "green", "--json"],
      {},
      async () => {
        await capture(bin, "/ci/build", { body: '{"status":"red"}' });
        id = await capture(bin, "/ci/build", { body: '{"status":"green"}' });
      },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(await getRecord(server.url, bin.key, id));
  });

  it("waits for a sender's redelivery with --redelivered, passing over first deliveries", async () => {
    const bin = await createBin(server.url);
    const event = { headers: { "webhook-id": "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" }, body: '{"type":"invoice.paid"}' };
    await capture(bin, "/hooks", event);
    let retry = "";
    const run = await runCli(
      ["wait", bin.inspectUrl, "--after", "0", "--redelivered", "--json", "--timeout", "30"],
      {},
      async () => {
        await capture(bin, "/hooks", { headers: { "webhook-id": "msg_other" }, body: '{"type":"invoice.paid"}' });
        retry = await capture(bin, "/hooks", event);
      },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const record = JSON.parse(run.stdout) as RequestRecord;
    expect(record).toMatchObject({
      id: retry,
      seq: 3,
      attempt: 2,
      deliveryKey: "webhook-id:msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
    });
  });

  it("prints a summary line for a bare key with --server", async () => {
    const bin = await createBin(server.url);
    await capture(bin, "/hooks/stripe?event=paid");
    const run = await runCli(["wait", bin.key, "--server", server.url, "--after", "0", "--timeout", "5"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^#1 POST \/hooks\/stripe\?event=paid text\/plain;charset=UTF-8 \d+ B \S+ \S+\n$/);
  });

  it("exits 1 with a clear message when nothing matches in time", async () => {
    const bin = await createBin(server.url);
    await capture(bin, "/not-this");
    const run = await runCli(["wait", bin.inspectUrl, "--after", "0", "--path", "/this", "--timeout", "1"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/no matching capture arrived within 1 s/);
  });

  it("exits 1 for a bin the server does not have", async () => {
    const run = await runCli(["wait", `${server.url}/b/unknownunknownunknown0`, "--timeout", "1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no such bin/);
  });

  it("exits 2 on usage mistakes", async () => {
    const bin = await createBin(server.url);
    for (const args of [
      ["wait"],
      ["wait", bin.captureUrl],
      ["wait", bin.inspectUrl, "--timeout", "soon"],
      ["wait", bin.inspectUrl, "--path", "no-slash"],
      ["wait", bin.inspectUrl, "--to", "http://127.0.0.1:9/"],
      ["forward", bin.inspectUrl, "--to", "http://127.0.0.1:9/", "--json"],
      ["forward", bin.inspectUrl, "--to", "http://127.0.0.1:9/", "--redelivered"],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(/Usage: hookscope/);
    }
  });

  it("reads a private server with HOOKSCOPE_ACCESS_KEY", async () => {
    const accessKey = "b".repeat(40);
    const private_ = await startServer({ env: { ACCESS_MODE: "private", ACCESS_KEYS: accessKey } });
    try {
      const created = await fetch(`${private_.url}/api/bins`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessKey}` },
      });
      const bin = (await created.json()) as BinJson;
      await fetch(`${private_.url}/h/${bin.token}/x`, { method: "POST", body: "x" });
      const refused = await runCli(["wait", bin.inspectUrl, "--after", "0", "--timeout", "1"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/is private: set HOOKSCOPE_ACCESS_KEY/);
      const run = await runCli(["wait", bin.inspectUrl, "--after", "0", "--timeout", "5"], {
        HOOKSCOPE_ACCESS_KEY: accessKey,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^#1 POST \/x /);
      expect(run.stdout + run.stderr).not.toContain(accessKey);
    } finally {
      await private_.stop();
    }
  });
});

describe("what hookscope wait prints", () => {
  const record = {
    id: "r1",
    ip: "127.0.0.1",
    seq: 7,
    method: "POST",
    path: "/a\u001b]0;owned\u0007b",
    query: "x=\u009b2J",
    contentType: null,
    bodySize: 3,
    receivedAt: "2026-01-01T00:00:00.000Z",
    deliveryKey: null,
    attempt: 1,
    answer: null,
    url: "",
    httpVersion: "1.1",
    headers: [],
    bodyText: "\u009b\u007f",
  } satisfies RequestRecord;

  it("shows a captured path's control characters as escapes in the summary line", () => {
    const line = summaryLine(record);
    expect(line).toBe("#7 POST /a\\x1b]0;owned\\x07b?x=\\x9b2J 3 B 2026-01-01T00:00:00.000Z r1");
    expect(line).not.toMatch(/\p{Cc}/u);
  });

  it("escapes DEL and C1 controls in --json output, which stays the same JSON", () => {
    const json = recordJson(record);
    expect(json).not.toMatch(/\p{Cc}/u);
    expect(JSON.parse(json)).toEqual(record);
  });
});

describe("hookscope's arguments", () => {
  it("takes a bare key that begins with - as the bin, not as an option", () => {
    const key = `-${"k".repeat(25)}`;
    expect(parseArgs(["wait", key, "--server", "http://127.0.0.1:1", "--json"])).toMatchObject({
      command: "wait",
      key,
    });
    expect(parseArgs(["forward", "--to", "http://127.0.0.1:9/", key])).toMatchObject({ command: "forward", key });
  });
});
