// `hookscope mcp` end to end: the SDK's own client spawns the command over stdio against a real
// server and calls its tools as an agent would: create a bin, wait for a capture sent while the
// call waits, read it byte for byte, resend it to a local target, check its signature. API
// refusals come back as tool errors; on a private server HOOKSCOPE_ACCESS_KEY opens it, and
// stdout carries protocol messages only.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { EventEmitter, once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEME_IDS as CLI_SCHEME_IDS } from "../cli/mcp/tools/check-signature.mjs";
import { SCHEME_IDS } from "../lib/signatures/schemes.ts";
import { buildRequest, getRecord, rawRequest } from "./support/http.ts";
import { cleanupServers, ROOT, startServer, type TestServer } from "./support/server.ts";
import { closedPort, header, startTarget, type Target } from "./support/target.ts";

const CLI = path.join(ROOT, "cli", "hookscope.mjs");
const ACCESS_KEY = "a".repeat(40);

interface CreatedBin {
  key: string;
  name: string | null;
  captureUrl: string;
  inspectUrl: string;
}

interface BodyView {
  encoding: "text" | "base64";
  content: string;
  size: number;
  shownBytes: number;
  truncated: boolean;
}

interface RequestView {
  id: string;
  seq: number;
  method: string;
  url: string;
  headers: [string, string][];
  body: BodyView;
  note?: string;
}

interface Session {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

/** A client connected to `hookscope mcp --server <url>` with exactly `env` on top of PATH and HOME. */
async function connect(serverUrl: string, env: Record<string, string> = {}): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, "mcp", "--server", serverUrl],
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (d) => {
    stderr += d;
  });
  const client = new Client({ name: "hookscope-test", version: "1.0.0" });
  await client.connect(transport);
  // Listing the tools makes the client check every later result against the tool's output schema.
  await client.listTools();
  return { client, stderr: () => stderr, close: () => client.close() };
}

interface ToolAnswer<T> {
  isError: boolean;
  structured: T;
  text: string;
}

async function call<T = Record<string, unknown>>(
  session: Session,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolAnswer<T>> {
  const result = await session.client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text?: string }[];
  return {
    isError: result.isError === true,
    structured: result.structuredContent as T,
    text: content.map((c) => c.text ?? "").join("\n"),
  };
}

async function succeed<T>(session: Session, name: string, args: Record<string, unknown>): Promise<T> {
  const answer = await call<T>(session, name, args);
  if (answer.isError) throw new Error(`${name} failed: ${answer.text}`);
  // The text content is the structured result as JSON, for clients that read only text.
  expect(JSON.parse(answer.text)).toEqual(answer.structured);
  return answer.structured;
}

/**
 * A pass-through proxy in front of the server that tells when a call to the wait endpoint has
 * arrived: a capture sent after that is sent while the tool waits.
 */
async function startWaitWatcher(upstream: TestServer) {
  const events = new EventEmitter();
  const proxy = http.createServer((req, res) => {
    if (req.url?.includes("/requests/wait")) events.emit("wait");
    const forwarded = http.request(
      { host: "127.0.0.1", port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => res.destroy());
    req.pipe(forwarded);
  });
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    waitCall: () => once(events, "wait"),
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

async function capture(url: string, init: RequestInit): Promise<string> {
  const res = await fetch(url, init);
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

let server: TestServer;
let target: Target;
let watcher: Awaited<ReturnType<typeof startWaitWatcher>>;
let session: Session;
beforeAll(async () => {
  server = await startServer();
  [target, watcher] = await Promise.all([startTarget(), startWaitWatcher(server)]);
  session = await connect(watcher.url);
});
afterAll(async () => {
  await session?.close();
  await Promise.all([watcher?.close(), target?.close(), server?.stop()]);
  cleanupServers();
});

describe("hookscope mcp", () => {
  it("lists its tools, each described with input and output schemas", async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "check_signature",
      "create_bin",
      "get_request",
      "list_requests",
      "resend_request",
      "wait_for_request",
    ]);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.outputSchema?.type, tool.name).toBe("object");
    }
    const wait = tools.find((t) => t.name === "wait_for_request");
    expect(Object.keys(wait?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(["bin", "after", "method", "path", "q", "redelivered", "timeoutSeconds"]),
    );
  });

  it("creates a bin whose capture URL takes requests and whose key opens it", async () => {
    const bin = await succeed<CreatedBin>(session, "create_bin", { name: "agent bin" });
    expect(bin.name).toBe("agent bin");
    expect(bin.inspectUrl).toMatch(new RegExp(`/b/${bin.key}$`));
    const id = await capture(bin.captureUrl, { method: "POST", body: "hello" });
    expect((await getRecord(server.url, bin.key, id)).bodyText).toBe("hello");
  });

  it("waits for the next matching capture, sent while it waits, and returns it exactly", async () => {
    const bin = await succeed<CreatedBin>(session, "create_bin", {});
    // Already stored when the wait starts: without `after`, only later captures count.
    await capture(`${bin.captureUrl}/stripe/events`, { method: "POST", body: "earlier" });
    const arrived = watcher.waitCall();
    const waiting = succeed<RequestView>(session, "wait_for_request", {
      bin: bin.inspectUrl,
      method: "POST",
      path: "/stripe/**",
      timeoutSeconds: 30,
    });
    await arrived;
    await capture(`${bin.captureUrl}/other`, { method: "POST", body: "elsewhere" });
    const body = JSON.stringify({ type: "checkout.session.completed", amount: 4200, note: "café ✓" });
    const id = await capture(`${bin.captureUrl}/stripe/events?attempt=1`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=abc" },
      body,
    });
    const found = await waiting;
    expect(found.id).toBe(id);
    expect(found.method).toBe("POST");
    expect(found.body).toEqual({
      encoding: "text",
      content: body,
      size: Buffer.byteLength(body),
      shownBytes: Buffer.byteLength(body),
      truncated: false,
    });
    expect(found.headers).toEqual((await getRecord(server.url, bin.key, id)).headers);
    expect(found.note).toBeUndefined();
  });

  it("reads a request's headers as sent and its body exactly: text, binary as base64, long bodies cut", async () => {
    const bin = await succeed<CreatedBin>(session, "create_bin", {});
    const tokenPath = new URL(bin.captureUrl).pathname;
    const text = `{"greeting":"grüße"}\u0000\u001b[31m`;
    const headers: [string, string][] = [
      ["Host", `127.0.0.1:${server.port}`],
      ["X-Dup", "one"],
      ["content-TYPE", "application/json"],
      ["X-Dup", "two"],
      ["Content-Length", String(Buffer.byteLength(text))],
    ];
    const sent = await rawRequest(server.port, buildRequest("PATCH", `${tokenPath}/raw?a=1&a=2`, headers, text));
    const textId = sent.header("x-hookscope-request-id") as string;
    const read = await succeed<RequestView>(session, "get_request", { bin: bin.key, id: textId });
    expect(read.method).toBe("PATCH");
    expect(read.url).toBe(`${tokenPath}/raw?a=1&a=2`);
    expect(read.headers).toEqual(headers);
    expect(read.body.encoding).toBe("text");
    expect(Buffer.from(read.body.content, "utf8")).toEqual(Buffer.from(text, "utf8"));

    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x80, 0xc3]);
    const binaryId = await capture(bin.captureUrl, { method: "PUT", body: binary });
    const image = await succeed<RequestView>(session, "get_request", { bin: bin.inspectUrl, id: binaryId });
    expect(image.body.encoding).toBe("base64");
    expect(Buffer.from(image.body.content, "base64")).toEqual(binary);
    expect(image.note).toMatch(/not UTF-8/);

    // "é" is two bytes: a cut at 5 bytes would split it, so the text ends before it.
    const long = `abcdé${"x".repeat(100)}`;
    const longId = await capture(bin.captureUrl, { method: "POST", body: long });
    const cut = await succeed<RequestView>(session, "get_request", { bin: bin.key, id: longId, maxBodyBytes: 5 });
    expect(cut.body).toEqual({ encoding: "text", content: "abcd", size: 106, shownBytes: 4, truncated: true });
    expect(cut.note).toMatch(/Only the first 4 of 106 bytes/);

    // Past 1 MiB the record carries no text: the view downloads only what it shows.
    const big = Buffer.alloc(1_200_000, "y");
    const bigId = await capture(bin.captureUrl, { method: "POST", body: big });
    const head = await succeed<RequestView>(session, "get_request", { bin: bin.key, id: bigId, maxBodyBytes: 1000 });
    expect(head.body).toEqual({
      encoding: "text",
      content: "y".repeat(1000),
      size: big.length,
      shownBytes: 1000,
      truncated: true,
    });
  });

  it("lists and searches a bin's requests, a page at a time", async () => {
    const bin = await succeed<CreatedBin>(session, "create_bin", {});
    const ids: string[] = [];
    for (const body of ["order paid", "order refunded", "order paid again"]) {
      ids.push(await capture(bin.captureUrl, { method: "POST", body }));
    }
    await capture(bin.captureUrl, { method: "GET" });
    type Page = { requests: { id: string; method: string }[]; nextCursor: string | null };
    const first = await succeed<Page>(session, "list_requests", { bin: bin.key, method: "POST", q: "PAID", limit: 1 });
    expect(first.requests.map((r) => r.id)).toEqual([ids[2]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await succeed<Page>(session, "list_requests", { bin: bin.key, q: "paid", cursor: first.nextCursor });
    expect(second.requests.map((r) => r.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it("lists and waits for redeliveries only", async () => {
    const bin = await succeed<CreatedBin>(session, "create_bin", {});
    const event = {
      method: "POST",
      headers: { "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958" },
      body: "{}",
    };
    const first = await capture(bin.captureUrl, event);
    const arrived = watcher.waitCall();
    const waiting = succeed<RequestView>(session, "wait_for_request", { bin: bin.key, redelivered: true });
    await arrived;
    await capture(bin.captureUrl, { method: "POST", body: "another event" });
    const retry = await capture(bin.captureUrl, event);
    expect((await waiting).id).toBe(retry);
    type Page = { requests: { id: string }[] };
    const all = await succeed<Page>(session, "list_requests", { bin: bin.key });
    expect(all.requests).toHaveLength(3);
    const redelivered = await succeed<Page>(session, "list_requests", { bin: bin.key, redelivered: true });
    expect(redelivered.requests.map((r) => r.id)).toEqual([retry]);
    expect(redelivered.requests.map((r) => r.id)).not.toContain(first);
  });

  it("resends a capture to a local target, which receives the same method and body bytes", async () => {
    const bin = await succeed<CreatedBin>(session, "create_bin", {});
    const body = Buffer.from([0x00, 0x01, 0xff, 0x7b, 0x7d]);
    const id = await capture(bin.captureUrl, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream", "X-Event": "ping" },
      body,
    });
    target.reply((_req, res) => {
      res.writeHead(202, { "X-Handled": "yes" });
      res.end("handled");
    });
    const before = target.received.length;
    const answer = await succeed<{ status: number; headers: [string, string][]; body: BodyView }>(
      session,
      "resend_request",
      { bin: bin.key, id, url: `${target.url}/webhooks/in` },
    );
    const [arrived] = (await target.waitFor(before + 1)).slice(before);
    expect(arrived?.method).toBe("POST");
    expect(arrived?.url).toBe("/webhooks/in");
    expect(arrived?.body).toEqual(body);
    expect(header(arrived?.headers ?? [], "X-Event")).toBe("ping");
    expect(answer.status).toBe(202);
    expect(answer.headers).toContainEqual(["X-Handled", "yes"]);
    expect(answer.body.content).toBe("handled");

    const replaced = await succeed<{ status: number }>(session, "resend_request", {
      bin: bin.key,
      id,
      url: `${target.url}/again`,
      method: "PUT",
      body: "new body",
    });
    expect(replaced.status).toBe(202);
    const [again] = (await target.waitFor(before + 2)).slice(before + 1);
    expect(again?.method).toBe("PUT");
    expect(again?.body.toString()).toBe("new body");
  });

  it("checks a GitHub signature: valid with the secret, a mismatch with another", async () => {
    const bin = await succeed<CreatedBin>(session, "create_bin", {});
    const body = '{"action":"opened","number":7}';
    const signature = `sha256=${createHmac("sha256", "It's a Secret to Everybody").update(body).digest("hex")}`;
    const id = await capture(bin.captureUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature },
      body,
    });
    const args = { bin: bin.key, id, scheme: "github-sha256" };
    const valid = await succeed<{ valid: boolean }>(session, "check_signature", {
      ...args,
      secret: "It's a Secret to Everybody",
    });
    expect(valid.valid).toBe(true);
    const wrong = await succeed<{ valid: boolean; reason: string }>(session, "check_signature", {
      ...args,
      secret: "not the secret",
    });
    expect(wrong).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("offers the server's signature schemes", () => {
    expect([...CLI_SCHEME_IDS]).toEqual([...SCHEME_IDS]);
  });

  it("returns the API's refusals as tool errors", async () => {
    const unknownKey = "u".repeat(24);
    const missing = await call(session, "list_requests", { bin: unknownKey });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/No bin with key/);
    const waitMissing = await call(session, "wait_for_request", { bin: unknownKey, timeoutSeconds: 1 });
    expect(waitMissing.isError).toBe(true);
    expect(waitMissing.text).toMatch(/no such bin/);

    const bin = await succeed<CreatedBin>(session, "create_bin", {});
    const byCaptureUrl = await call(session, "list_requests", { bin: bin.captureUrl });
    expect(byCaptureUrl.isError).toBe(true);
    expect(byCaptureUrl.text).toMatch(/capture URL/);

    const badLimit = await call(session, "list_requests", { bin: bin.key, limit: 500 });
    expect(badLimit.isError).toBe(true);

    const unknownRequest = await call(session, "get_request", { bin: bin.key, id: "01unknownrequest" });
    expect(unknownRequest.isError).toBe(true);
    expect(unknownRequest.text).toMatch(/request/i);

    const timedOut = await call(session, "wait_for_request", { bin: bin.key, after: 0, timeoutSeconds: 0 });
    expect(timedOut.isError).toBe(true);
    expect(timedOut.text).toMatch(/after=0/);

    const id = await capture(bin.captureUrl, { method: "POST", body: "x" });
    const unreachable = await call(session, "resend_request", {
      bin: bin.key,
      id,
      url: `http://127.0.0.1:${await closedPort()}/`,
    });
    expect(unreachable.isError).toBe(true);
    expect(unreachable.text.length).toBeGreaterThan(0);
  });
});

describe("hookscope mcp on a private server", () => {
  let privateServer: TestServer;
  beforeAll(async () => {
    privateServer = await startServer({ env: { ACCESS_MODE: "private", ACCESS_KEYS: ACCESS_KEY } });
  });
  afterAll(async () => {
    await privateServer?.stop();
  });

  it("opens it with HOOKSCOPE_ACCESS_KEY and never writes the key, a bin key or a token to stderr", async () => {
    const keyed = await connect(privateServer.url, { HOOKSCOPE_ACCESS_KEY: ACCESS_KEY });
    try {
      const bin = await succeed<CreatedBin>(keyed, "create_bin", {});
      const id = await capture(bin.captureUrl, { method: "POST", body: "private" });
      const found = await succeed<RequestView>(keyed, "wait_for_request", { bin: bin.key, after: 0 });
      expect(found.id).toBe(id);
      expect((await succeed<RequestView>(keyed, "get_request", { bin: bin.key, id })).body.content).toBe("private");
      const stderr = keyed.stderr();
      expect(stderr).toBe(`hookscope mcp: serving tools for ${privateServer.url} on stdio\n`);
      for (const secret of [ACCESS_KEY, bin.key, new URL(bin.captureUrl).pathname]) {
        expect(stderr).not.toContain(secret);
      }
    } finally {
      await keyed.close();
    }
  });

  it("says to set HOOKSCOPE_ACCESS_KEY when it is missing", async () => {
    const anonymous = await connect(privateServer.url);
    try {
      const refused = await call(anonymous, "create_bin", {});
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(/private: set HOOKSCOPE_ACCESS_KEY/);
    } finally {
      await anonymous.close();
    }
  });
});

describe("hookscope mcp's stdout", () => {
  it("carries JSON-RPC messages only", async () => {
    const child = spawn(process.execPath, [CLI, "mcp", "--server", server.url], {
      cwd: ROOT,
      env: { ...process.env, HOOKSCOPE_ACCESS_KEY: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    const messages = [
      {
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
      },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "create_bin", arguments: {} } },
      {
        jsonrpc: "2.0",
        id: 3,
        method: "tools/call",
        params: { name: "get_request", arguments: { bin: "u".repeat(24), id: "x" } },
      },
    ];
    child.stdin.write(messages.map((m) => `${JSON.stringify(m)}\n`).join(""));
    // Each answer is a line (in the order the calls finish); ending the input once all three are in ends the server.
    while (stdout.split("\n").filter(Boolean).length < 3) await once(child.stdout, "data");
    child.stdin.end();
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    const lines = stdout.split("\n").filter(Boolean);
    expect(lines.map((line) => JSON.parse(line).id).sort()).toEqual([1, 2, 3]);
    for (const line of lines) expect(JSON.parse(line).jsonrpc).toBe("2.0");
  });
});
