// `hookscope forward` end to end: the command line follows a bin's stream and replays each capture
// to a local target, byte-exactly and in order, across a restart of the server, and stops cleanly.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { createBin } from "./support/http.ts";
import { cleanupServers, ROOT, startServer, type TestServer } from "./support/server.ts";
import { closedPort, header, type Received, startTarget, type Target } from "./support/target.ts";

const CLI = path.join(ROOT, "cli", "hookscope.mjs");

interface Cli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
  cleanupServers();
});

function startCli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  running.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput: async (pattern, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stdout + stderr)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in output:\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A distinct payload per capture, binary for odd numbers, so that byte-exactness is visible. */
function payload(n: number): Buffer {
  return n % 2 ? Buffer.from([n, 0, 255, 13, 10, 0x80, n]) : Buffer.from(`{"n":${n},"text":"café ☕"}`);
}

/** Captures with node:http and a flat header list, so that case and duplicates reach the server as written. */
async function capture(server: TestServer, bin: BinJson, n: number, extraHeaders: string[] = []): Promise<void> {
  const body = payload(n);
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const req = http.request(
      `${server.url}/h/${bin.token}/events/${n}?n=${n}`,
      {
        method: n % 3 === 0 ? "PUT" : "POST",
        headers: [
          "Host",
          `127.0.0.1:${server.port}`,
          "X-Seq-Test",
          String(n),
          "x-dup",
          "a",
          "X-Dup",
          "b",
          "Content-Length",
          String(body.length),
          ...extraHeaders,
        ],
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
  expect(status).toBe(200);
}

function expectDelivered(received: Received[], numbers: number[], target: Target): void {
  expect(received.map((r) => header(r.headers, "x-seq-test"))).toEqual(numbers.map(String));
  received.forEach((r, i) => {
    const n = numbers[i] as number;
    expect(r.method).toBe(n % 3 === 0 ? "PUT" : "POST");
    expect(r.url).toBe("/local/hook");
    expect(sha(r.body)).toBe(sha(payload(n)));
    expect(r.headers.filter(([name]) => name.toLowerCase() === "x-dup")).toEqual([
      ["x-dup", "a"],
      ["X-Dup", "b"],
    ]);
    expect(header(r.headers, "host")).toBe(`127.0.0.1:${target.port}`);
    expect(r.headers.filter(([name]) => name.toLowerCase() === "x-hookscope-hop")).toEqual([["X-Hookscope-Hop", "1"]]);
  });
}

describe("hookscope forward", () => {
  it("replays captures to --to in order and byte-exactly, across a server restart, and exits 0 on SIGINT", async () => {
    const port = await closedPort();
    let server = await startServer({ env: { PORT: String(port) } });
    const target = await startTarget();
    try {
      const bin = await createBin(server.url);
      await capture(server, bin, 0); // before the command line starts: not forwarded
      const cli = startCli(["forward", bin.inspectUrl, "--to", `${target.url}/local/hook`]);
      await cli.waitForOutput(/connected/);

      for (let n = 1; n <= 5; n++) await capture(server, bin, n);
      await target.waitFor(5);
      expectDelivered(target.received, [1, 2, 3, 4, 5], target);
      await cli.waitForOutput(/#6 POST \/events\/5\?n=5 -> 200 \(\d+ ms\)/);

      // A slow target: captures pile up in the command line while the server goes away.
      target.reply((_req, res) => setTimeout(() => res.end("ok"), 150));
      for (let n = 6; n <= 10; n++) await capture(server, bin, n);
      expect(await server.stop()).toBe(0);
      for (let n = 11; n <= 12; n++) {
        await expect(fetch(`${server.url}/h/${bin.token}`, { method: "POST", body: "down" })).rejects.toThrow();
      }
      target.reply((_req, res) => res.end("ok"));

      server = await startServer({ dbFile: server.dbFile, env: { PORT: String(port) } });
      for (let n = 11; n <= 14; n++) await capture(server, bin, n);
      await target.waitFor(14);
      await new Promise((r) => setTimeout(r, 500));
      expectDelivered(
        target.received,
        Array.from({ length: 14 }, (_, i) => i + 1),
        target,
      );
      expect(cli.stderr()).toMatch(/reconnected; resuming after #\d+/);

      cli.child.kill("SIGINT");
      expect(await cli.exited).toBe(0);
    } finally {
      await Promise.all([server.stop(), target.close()]);
    }
  });

  it("takes the server from an inspect URL or --server with a bare key", async () => {
    const server = await startServer();
    const target = await startTarget();
    try {
      const bin = await createBin(server.url);
      const viaInspect = startCli(["forward", bin.inspectUrl, "--to", `${target.url}/local/hook`]);
      const viaKey = startCli(["forward", bin.key, "--server", server.url, "--to", `${target.url}/local/hook`]);
      await Promise.all([viaInspect.waitForOutput(/connected/), viaKey.waitForOutput(/connected/)]);
      await capture(server, bin, 1);
      await target.waitFor(2);
      expect(target.received.map((r) => sha(r.body))).toEqual([sha(payload(1)), sha(payload(1))]);
      viaInspect.child.kill("SIGTERM");
      viaKey.child.kill("SIGINT");
      expect(await Promise.all([viaInspect.exited, viaKey.exited])).toEqual([0, 0]);
      // The key never shows on the terminal: whoever reads it could open the bin.
      expect(viaInspect.stdout() + viaInspect.stderr() + viaKey.stdout() + viaKey.stderr()).not.toContain(bin.key);
    } finally {
      await Promise.all([server.stop(), target.close()]);
    }
  });

  it("does not deliver a capture that a Hookscope resend or forward sent, and says so", async () => {
    const server = await startServer();
    const target = await startTarget();
    try {
      const bin = await createBin(server.url);
      const cli = startCli(["forward", bin.inspectUrl, "--to", `${target.url}/local/hook`]);
      await cli.waitForOutput(/connected/);
      await capture(server, bin, 1, ["x-hookscope-hop", "1"]);
      await capture(server, bin, 2);
      // Captures are handled in order: once the second is delivered, the first was handled.
      await target.waitFor(1);
      await cli.waitForOutput(/#2 POST \/events\/2\?n=2 -> 200/);
      expectDelivered(target.received, [2], target);
      expect(cli.stdout()).toMatch(
        /^#1 POST \/events\/1\?n=1 -> not forwarded: it came from a Hookscope resend or forward \(X-Hookscope-Hop\)$/m,
      );
      cli.child.kill("SIGTERM");
      expect(await cli.exited).toBe(0);
    } finally {
      await Promise.all([server.stop(), target.close()]);
    }
  });

  it("exits 1 for a bin the server does not have, and for a token given as the key", async () => {
    const server = await startServer();
    try {
      const bin = await createBin(server.url);
      for (const given of [`${server.url}/b/unknownunknownunknown0`, `${server.url}/b/${bin.token}`]) {
        const cli = startCli(["forward", given, "--to", "http://127.0.0.1:9/"]);
        expect(await cli.exited).toBe(1);
        expect(cli.stderr()).toMatch(/no such bin/);
      }
    } finally {
      await server.stop();
    }
  });

  it("reads a private server with HOOKSCOPE_ACCESS_KEY from the environment, and says so without it", async () => {
    const accessKey = "a".repeat(40);
    const server = await startServer({ env: { ACCESS_MODE: "private", ACCESS_KEYS: accessKey } });
    const target = await startTarget();
    try {
      const created = await fetch(`${server.url}/api/bins`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessKey}` },
      });
      const bin = (await created.json()) as BinJson;
      const refused = startCli(["forward", bin.inspectUrl, "--to", `${target.url}/local/hook`]);
      expect(await refused.exited).toBe(1);
      expect(refused.stderr()).toMatch(/is private: set HOOKSCOPE_ACCESS_KEY/);

      const cli = startCli(["forward", bin.inspectUrl, "--to", `${target.url}/local/hook`], {
        HOOKSCOPE_ACCESS_KEY: accessKey,
      });
      await cli.waitForOutput(/connected/);
      await capture(server, bin, 2);
      await target.waitFor(1);
      expectDelivered(target.received, [2], target);
      cli.child.kill("SIGTERM");
      expect(await cli.exited).toBe(0);
      expect(cli.stdout() + cli.stderr()).not.toContain(accessKey);
    } finally {
      await Promise.all([server.stop(), target.close()]);
    }
  });

  it("refuses a capture URL with a usage message: the token only sends to the bin", async () => {
    const cli = startCli([
      "forward",
      "http://127.0.0.1:3000/h/abcdefghijklmnopqrstuvwx",
      "--to",
      "http://127.0.0.1:8080/",
    ]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/^hookscope: That is a capture URL.+inspect URL/);
  });

  it.each([
    [[]],
    [["forward"]],
    [["forward", "abcdefghijklmnopqrstuvwx"]],
    [["forward", "abcdefghijklmnopqrstuvwx", "--to", "ftp://example.com/"]],
    [["forward", "http://127.0.0.1:3000/x/abcdefghijklmnopqrstuvwx", "--to", "http://127.0.0.1:8080/"]],
    [["forward", "short", "--to", "http://127.0.0.1:8080/"]],
    [["forward", "abcdefghijklmnopqrstuvwx", "--to", "http://127.0.0.1:8080/", "--bogus"]],
    [["send", "abcdefghijklmnopqrstuvwx"]],
  ])("exits 2 with a usage message for %j", async (args) => {
    const cli = startCli(args);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/^hookscope: .+\n\nUsage: hookscope forward/);
  });
});
