// Body downloads: exact bytes, decoded bytes, their own headers as sent, and memory bounded by
// MAX_DOWNLOAD_INFLIGHT_BYTES whatever the body expands to and however slowly clients read.

import { randomBytes } from "node:crypto";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { decodeWindow, MAX_DECODED_BYTES } from "../lib/requests/body-decode.ts";
import { buildRequest, createBin, rawRequest, sha256 } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

// 176 bytes that decode to the 16 MiB cap.
const BOMB = zlib.gzipSync(zlib.gzipSync(zlib.gzipSync(Buffer.alloc(MAX_DECODED_BYTES))));
const BOMB_ENCODING = "gzip, gzip, gzip";
/** What the server reserves for one decoded download of the bomb: its stored bytes and the decoders' window. */
const BOMB_HOLDS = BOMB.length + decodeWindow(["gzip", "gzip", "gzip"]);
const SANDBOX_CSP = "default-src 'none'; sandbox";

afterAll(cleanupServers);

async function capture(server: TestServer, token: string, body: Buffer | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/h/${token}`, {
    method: "POST",
    body: new Uint8Array(Buffer.from(body)),
    headers,
  });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const bodyPath = (key: string, id: string, decode = false) =>
  `/api/bins/${key}/requests/${id}/body${decode ? "?decode=1" : ""}`;

interface Stalled {
  socket: net.Socket;
  /** Body bytes that came with the status line, before the client stopped reading. */
  bodyBytes: number;
}

/**
 * Asks for a download, reads the first packet of the answer (its status line) and then reads
 * nothing more. `from` is the client address a trusted proxy reports (X-Forwarded-For).
 */
function stalledDownload(server: TestServer, path: string, from?: string): Promise<Stalled> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1");
    socket.once("error", reject);
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      const status = chunk.toString("latin1").split("\r\n", 1)[0];
      const headEnd = chunk.indexOf("\r\n\r\n");
      if (status !== "HTTP/1.1 200 OK" || headEnd === -1) reject(new Error(`expected a 200, got ${status}`));
      else resolve({ socket, bodyBytes: chunk.length - headEnd - 4 });
    });
    const forwarded = from ? `X-Forwarded-For: ${from}\r\n` : "";
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${forwarded}\r\n`);
  });
}

/** Reads a stalled download on until the connection closes, the whole body has come, or `limitMs` passes. */
function readToClose(stalled: Stalled, limitMs: number): Promise<{ closed: boolean; bodyBytes: number }> {
  const { socket } = stalled;
  return new Promise((resolve) => {
    let bodyBytes = stalled.bodyBytes;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ closed, bodyBytes });
    };
    const timer = setTimeout(() => finish(false), limitMs);
    socket.on("data", (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes >= MAX_DECODED_BYTES) finish(false);
    });
    socket.once("close", () => finish(true));
    socket.resume();
  });
}

/** Retries a download until it answers 200 (at most 5 s), and returns that answer. */
async function downloadWhenFree(url: string): Promise<Response> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await fetch(url);
    if (res.status === 200 || Date.now() > deadline) return res;
    await res.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("body downloads", () => {
  let server: TestServer;
  let bin: BinJson;

  beforeAll(async () => {
    server = await startServer();
    bin = await createBin(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves the stored bytes exactly, and decoded bytes exactly with their length", async () => {
    const payload = Buffer.from(
      JSON.stringify({
        type: "invoice.paid",
        data: { lines: Array.from({ length: 500 }, (_, i) => ({ i, a: "é✓" })) },
      }),
    );
    const gzipped = zlib.gzipSync(payload);
    const gzipId = await capture(server, bin.token, gzipped, {
      "Content-Type": "application/json",
      "Content-Encoding": "gzip",
    });
    const decoded = await fetch(`${server.url}${bodyPath(bin.key, gzipId, true)}`);
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get("content-length")).toBe(String(payload.length));
    expect(decoded.headers.get("x-hookscope-decoded")).toBe("gzip");
    expect(sha256(new Uint8Array(await decoded.arrayBuffer()))).toBe(sha256(payload));

    const stored = await fetch(`${server.url}${bodyPath(bin.key, gzipId)}`);
    expect(stored.headers.get("content-length")).toBe(String(gzipped.length));
    expect(sha256(new Uint8Array(await stored.arrayBuffer()))).toBe(sha256(gzipped));

    const binary = randomBytes(1024 * 1024 + 7);
    const binaryId = await capture(server, bin.token, binary);
    const plain = await fetch(`${server.url}${bodyPath(bin.key, binaryId)}`);
    expect(plain.headers.get("content-length")).toBe(String(binary.length));
    expect(sha256(new Uint8Array(await plain.arrayBuffer()))).toBe(sha256(binary));

    const brId = await capture(server, bin.token, zlib.brotliCompressSync(payload), { "Content-Encoding": "br" });
    const br = await fetch(`${server.url}${bodyPath(bin.key, brId, true)}`);
    expect(sha256(new Uint8Array(await br.arrayBuffer()))).toBe(sha256(payload));
  });

  it("refuses corrupt and over-limit bodies with 400 body_not_decodable before sending any byte", async () => {
    const corruptId = await capture(server, bin.token, Buffer.from("not gzip at all"), { "Content-Encoding": "gzip" });
    const corrupt = await fetch(`${server.url}${bodyPath(bin.key, corruptId, true)}`);
    expect(corrupt.status).toBe(400);
    expect(await errorCode(corrupt)).toBe("body_not_decodable");

    const overId = await capture(server, bin.token, zlib.gzipSync(Buffer.alloc(MAX_DECODED_BYTES + 1)), {
      "Content-Encoding": "gzip",
    });
    const over = await fetch(`${server.url}${bodyPath(bin.key, overId, true)}`);
    expect(over.status).toBe(400);
    expect(await errorCode(over)).toBe("body_not_decodable");
  });

  it("sends each download with its own sandboxing headers, once, and app pages with the app's CSP", async () => {
    const id = await capture(server, bin.token, zlib.gzipSync("<script>alert(1)</script>"), {
      "Content-Type": "text/html",
      "Content-Encoding": "gzip",
    });
    for (const path of [bodyPath(bin.key, id), bodyPath(bin.key, id, true)]) {
      const res = await rawRequest(server.port, buildRequest("GET", path, [["Host", `127.0.0.1:${server.port}`]]));
      const all = (name: string) => res.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
      expect(res.status, path).toBe(200);
      expect(all("content-security-policy"), path).toEqual([SANDBOX_CSP]);
      expect(all("x-content-type-options"), path).toEqual(["nosniff"]);
      expect(all("content-type"), path).toEqual(["application/octet-stream"]);
      expect(all("content-disposition"), path).toHaveLength(1);
      expect(res.header("content-disposition"), path).toMatch(/^attachment; filename="[^"]+"$/);
    }
    for (const page of ["/", `/b/${bin.key}`]) {
      const res = await rawRequest(
        server.port,
        buildRequest("GET", page, [
          ["Host", `127.0.0.1:${server.port}`],
          ["Connection", "close"],
        ]),
      );
      const csp = res.headers.filter(([n]) => n.toLowerCase() === "content-security-policy").map(([, v]) => v);
      expect(res.status, page).toBe(200);
      expect(csp, page).toHaveLength(1);
      expect(csp[0], page).toMatch(/^default-src 'self'; script-src 'self'/);
    }
  });

  it("answers HEAD with the headers alone and other methods with a JSON 405", async () => {
    const id = await capture(server, bin.token, zlib.gzipSync("hello"), { "Content-Encoding": "gzip" });
    const head = await fetch(`${server.url}${bodyPath(bin.key, id, true)}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("5");
    const post = await fetch(`${server.url}${bodyPath(bin.key, id)}`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    expect(await errorCode(post)).toBe("method_not_allowed");
  });
});

describe("memory held by downloads", () => {
  it("refuses with 503 once clients that stopped reading hold the budget, and serves again once they leave", async () => {
    // Room for two decoded bomb downloads, not three; the clients come from different addresses.
    const server = await startServer({
      env: { MAX_DOWNLOAD_INFLIGHT_BYTES: String(Math.floor(2.5 * BOMB_HOLDS)), TRUST_PROXY: "true" },
    });
    try {
      const bin = await createBin(server.url);
      const bombId = await capture(server, bin.token, BOMB, { "Content-Encoding": BOMB_ENCODING });
      // A plain download that fits the budget alone, not next to two bomb downloads.
      const plain = randomBytes(BOMB_HOLDS);
      const plainId = await capture(server, bin.token, plain, { "Content-Type": "application/octet-stream" });

      const stalled = [
        await stalledDownload(server, bodyPath(bin.key, bombId, true), "198.51.100.1"),
        await stalledDownload(server, bodyPath(bin.key, bombId, true), "198.51.100.2"),
      ];
      try {
        const refused = await fetch(`${server.url}${bodyPath(bin.key, bombId, true)}`);
        expect(refused.status).toBe(503);
        expect(refused.headers.get("retry-after")).toBe("1");
        expect(await errorCode(refused)).toBe("server_busy");

        const refusedPlain = await fetch(`${server.url}${bodyPath(bin.key, plainId)}`);
        expect(refusedPlain.status).toBe(503);
        expect(await errorCode(refusedPlain)).toBe("server_busy");
      } finally {
        for (const { socket } of stalled) socket.destroy();
      }

      const decoded = await downloadWhenFree(`${server.url}${bodyPath(bin.key, bombId, true)}`);
      expect(decoded.status).toBe(200);
      expect(decoded.headers.get("content-length")).toBe(String(MAX_DECODED_BYTES));
      expect(sha256(new Uint8Array(await decoded.arrayBuffer()))).toBe(sha256(Buffer.alloc(MAX_DECODED_BYTES)));
      const again = await fetch(`${server.url}${bodyPath(bin.key, plainId)}`);
      expect(again.status).toBe(200);
      expect(sha256(new Uint8Array(await again.arrayBuffer()))).toBe(sha256(plain));
    } finally {
      await server.stop();
    }
  });

  it("lets no one client address hold more than a quarter of the budget", async () => {
    const server = await startServer({
      env: { MAX_DOWNLOAD_INFLIGHT_BYTES: String(Math.floor(4.5 * BOMB_HOLDS)), TRUST_PROXY: "true" },
    });
    try {
      const bin = await createBin(server.url);
      const bombId = await capture(server, bin.token, BOMB, { "Content-Encoding": BOMB_ENCODING });
      const first = await stalledDownload(server, bodyPath(bin.key, bombId, true), "198.51.100.7");
      try {
        const second = await fetch(`${server.url}${bodyPath(bin.key, bombId, true)}`, {
          headers: { "x-forwarded-for": "198.51.100.7" },
        });
        expect(second.status).toBe(503);
        expect(await errorCode(second)).toBe("server_busy");
        const other = await fetch(`${server.url}${bodyPath(bin.key, bombId, true)}`, {
          headers: { "x-forwarded-for": "198.51.100.8" },
        });
        expect(other.status).toBe(200);
        await other.arrayBuffer();
      } finally {
        first.socket.destroy();
      }
    } finally {
      await server.stop();
    }
  });

  it("is disconnected after DOWNLOAD_IDLE_TIMEOUT_MS, and what it held is free again", async () => {
    const server = await startServer({
      // Room for one decoded bomb download at a time.
      env: { MAX_DOWNLOAD_INFLIGHT_BYTES: String(Math.floor(1.5 * BOMB_HOLDS)), DOWNLOAD_IDLE_TIMEOUT_MS: "300" },
    });
    try {
      const bin = await createBin(server.url);
      const id = await capture(server, bin.token, BOMB, { "Content-Encoding": BOMB_ENCODING });
      const stalled = await stalledDownload(server, bodyPath(bin.key, id, true));

      // Another download gets through once the server has dropped the stalled one.
      const res = await downloadWhenFree(`${server.url}${bodyPath(bin.key, id, true)}`);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(MAX_DECODED_BYTES);

      // Reading again, the stalled client finds its answer cut short and the connection closed.
      const outcome = await readToClose(stalled, 10_000);
      expect(outcome.closed).toBe(true);
      expect(outcome.bodyBytes).toBeLessThan(MAX_DECODED_BYTES);
    } finally {
      await server.stop();
    }
  });
});
