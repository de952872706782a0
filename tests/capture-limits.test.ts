// Limits answer with clear JSON errors and leave the server and the stored data unharmed.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { api, buildRequest, createBin, listRequests, rawRequest } from "./support/http.ts";
import { cleanupServers, startServer, startServerExpectingFailure, type TestServer } from "./support/server.ts";

const MAX_BODY = 64 * 1024;
let server: TestServer;
let bin: BinJson;

beforeAll(async () => {
  server = await startServer({ env: { MAX_BODY_BYTES: String(MAX_BODY), MAX_REQUESTS_PER_BIN: "5" } });
  bin = await createBin(server.url);
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

const count = async (key: string) => (await listRequests(server.url, key, "?limit=100")).requests.length;

describe("body size", () => {
  it("refuses a body whose Content-Length is over MAX_BODY_BYTES with 413, then keeps capturing", async () => {
    const before = await count(bin.key);
    const res = await fetch(`${server.url}/h/${bin.token}`, { method: "POST", body: Buffer.alloc(MAX_BODY + 1, 97) });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("body_too_large");
    expect(json.error.message).toContain("MAX_BODY_BYTES");
    expect(await count(bin.key)).toBe(before);

    const exact = await fetch(`${server.url}/h/${bin.token}`, { method: "POST", body: Buffer.alloc(MAX_BODY, 97) });
    expect(exact.status).toBe(200);
  });

  it("lets a sender that writes its whole oversized body before reading get the 413, not a reset", async () => {
    // Many webhook senders write the whole request, then read the answer. The server answers as
    // soon as it knows the body is too large; it must keep reading (and dropping) what is still
    // on its way, or the sender's socket is reset before it reads the answer.
    for (const framing of ["declared", "chunked", "declared", "chunked"] as const) {
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(server.port, "127.0.0.1");
        const body = Buffer.alloc(8 * 1024 * 1024, 97);
        const head = framing === "declared" ? `Content-Length: ${body.length}\r\n` : "Transfer-Encoding: chunked\r\n";
        const payload =
          framing === "declared"
            ? body
            : Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]);
        let text = "";
        socket.write(`POST /h/${bin.token}/big HTTP/1.1\r\nHost: x\r\n${head}\r\n`);
        // Everything is written before anything is read.
        socket.write(payload, () => {
          socket.on("data", (d) => {
            text += d.toString("latin1");
            if (text.includes("\r\n\r\n")) socket.destroy();
          });
        });
        socket.on("close", () => resolve(text));
        socket.on("error", (err: NodeJS.ErrnoException) => resolve(`error ${err.code}`));
      });
      expect(answer.split("\r\n")[0], framing).toBe("HTTP/1.1 413 Payload Too Large");
    }
  });

  it("cuts off a chunked body once the streamed bytes pass the limit", async () => {
    const before = await count(bin.key);
    const res = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1");
      let answer = "";
      socket.on("data", (d) => {
        answer += d.toString("latin1");
        // The answer comes while the body is still being sent.
        if (answer.includes("}")) {
          socket.destroy();
          resolve(answer);
        }
      });
      socket.on("close", () => resolve(answer));
      socket.on("error", () => resolve(answer));
      socket.write(`POST /h/${bin.token}/stream HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`);
      const chunk = Buffer.alloc(16 * 1024, 98);
      let sent = 0;
      const pump = () => {
        if (socket.destroyed || sent > MAX_BODY * 4) return;
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        socket.write("\r\n");
        sent += chunk.length;
        setTimeout(pump, 2);
      };
      pump();
      setTimeout(() => reject(new Error("no answer")), 10_000);
    });
    expect(res).toMatch(/^HTTP\/1\.1 413/);
    expect(res).toContain('"code":"body_too_large"');
    expect(await count(bin.key)).toBe(before);
    const after = await fetch(`${server.url}/h/${bin.token}`, { method: "POST", body: "still works" });
    expect(after.status).toBe(200);
  });
});

describe("unknown tokens and rejected requests", () => {
  it("answers an unknown token with a JSON 404 and stores nothing", async () => {
    const res = await fetch(`${server.url}/h/doesnotexistdoesnotexist/x`, { method: "POST", body: "hi" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bin_not_found");
    const bare = await fetch(`${server.url}/h/`, { method: "POST", body: "hi" });
    expect(bare.status).toBe(404);
  });

  it("answers oversized headers with a JSON 431", async () => {
    const res = await rawRequest(
      server.port,
      buildRequest("GET", `/h/${bin.token}`, [
        ["Host", "x"],
        ["X-Big", "a".repeat(20_000)],
      ]),
    );
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).error.code).toBe("headers_too_large");
    expect((await fetch(`${server.url}/h/${bin.token}`, { method: "POST", body: "ok" })).status).toBe(200);
  });
});

describe("requests per bin", () => {
  it("keeps only the newest MAX_REQUESTS_PER_BIN requests", async () => {
    const rotating = await createBin(server.url);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${server.url}/h/${rotating.token}/${i}`, { method: "POST", body: String(i) });
      ids.push(res.headers.get("x-hookscope-request-id") as string);
    }
    const page = await listRequests(server.url, rotating.key);
    expect(page.requests.map((r) => r.id)).toEqual(ids.slice(3).reverse());
    expect(page.requests.map((r) => r.seq)).toEqual([8, 7, 6, 5, 4]);
    expect((await api<BinJson>(server.url, `/api/bins/${rotating.key}`)).json.requestCount).toBe(5);
  });
});

describe("retention", () => {
  it("deletes requests older than RETENTION_DAYS on the periodic prune", async () => {
    // 0.00003 days is about 2.6 s.
    const short = await startServer({ env: { RETENTION_DAYS: "0.00003", PRUNE_INTERVAL_MS: "250" } });
    try {
      const b = await createBin(short.url);
      await fetch(`${short.url}/h/${b.token}`, { method: "POST", body: "old" });
      expect((await listRequests(short.url, b.key)).requests).toHaveLength(1);
      const deadline = Date.now() + 15_000;
      while ((await listRequests(short.url, b.key)).requests.length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect((await listRequests(short.url, b.key)).requests).toHaveLength(0);
      expect((await api<BinJson>(short.url, `/api/bins/${b.key}`)).json.requestCount).toBe(0);
      expect(short.logs()).toMatch(/retention: deleted 1 request/);
    } finally {
      await short.stop();
    }
  });
});

describe("settings", () => {
  it("refuses to start with a bad setting, naming the variable", async () => {
    const { code, output } = await startServerExpectingFailure({ MAX_BODY_BYTES: "ten megabytes", PORT: "99999" });
    expect(code).toBe(1);
    expect(output).toContain("MAX_BODY_BYTES");
    expect(output).toContain("PORT");
  });
});

describe("start-up", () => {
  it("exits with a clear message when the port is taken", async () => {
    const { code, output } = await startServerExpectingFailure({ PORT: String(server.port) });
    expect(code).toBe(1);
    expect(output).toContain(`cannot listen on 127.0.0.1:${server.port}: the port is in use`);
  });
});
