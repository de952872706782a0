// Limits that keep one sender from hurting the others: rate limits, in-flight body bytes,
// header size and slow senders. Each answers with the contract's JSON error and stores nothing.
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { buildRequest, createBin, listRequests, rawRequest } from "./support/http.ts";
import { cleanupServers, startServer } from "./support/server.ts";

afterAll(cleanupServers);

const post = (url: string, body: string | Uint8Array<ArrayBuffer> = "x") => fetch(url, { method: "POST", body });

describe("rate limits", () => {
  it("refuses captures past RATE_LIMIT_PER_IP with 429 and Retry-After, then lets them through again", async () => {
    const server = await startServer({ env: { RATE_LIMIT_PER_IP: "5" } });
    try {
      const bin = await createBin(server.url);
      // The bucket refills at 5 a second, so how many of 30 back-to-back captures pass depends on
      // how fast they go out; the first 5 always pass and, at any machine speed, some are refused.
      const answers = [];
      for (let i = 0; i < 30; i++) answers.push(await post(`${server.url}/h/${bin.token}/${i}`));
      const statuses = answers.map((a) => a.status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      const refused = answers.find((a) => a.status === 429);
      if (!refused) throw new Error(`no capture was refused: ${statuses.join(" ")}`);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      const stored = statuses.filter((s) => s === 200).length;
      expect((await listRequests(server.url, bin.key, "?limit=100")).requests).toHaveLength(stored);
      // Refused senders get through again once the bucket has refilled.
      let later = await post(`${server.url}/h/${bin.token}/later`);
      for (let tries = 0; later.status === 429 && tries < 50; tries++) {
        await new Promise((r) => setTimeout(r, Number(later.headers.get("retry-after")) * 1000));
        later = await post(`${server.url}/h/${bin.token}/later`);
      }
      expect(later.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("limits each bin separately with RATE_LIMIT_PER_BIN", async () => {
    const server = await startServer({ env: { RATE_LIMIT_PER_BIN: "3" } });
    try {
      const busy = await createBin(server.url);
      const quiet = await createBin(server.url);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(`${server.url}/h/${busy.token}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await post(`${server.url}/h/${quiet.token}`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe("memory and slow senders", () => {
  it("answers 503 server_busy when bodies in progress would pass MAX_INFLIGHT_BYTES, and recovers", async () => {
    const server = await startServer({ env: { MAX_INFLIGHT_BYTES: String(1024 * 1024) } });
    try {
      const bin = await createBin(server.url);
      // A sender that has sent 900 KB of a 1 MB body and pauses.
      const slow = net.connect(server.port, "127.0.0.1");
      let slowAnswer = "";
      slow.on("data", (d) => {
        slowAnswer += d.toString();
      });
      slow.write(`POST /h/${bin.token}/slow HTTP/1.1\r\nHost: x\r\nContent-Length: ${1000 * 1000}\r\n\r\n`);
      slow.write(Buffer.alloc(900 * 1000, 97));
      await new Promise((r) => setTimeout(r, 300));

      const refused = await post(`${server.url}/h/${bin.token}/big`, new Uint8Array(300 * 1000).fill(98));
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("server_busy");

      slow.write(Buffer.alloc(100 * 1000, 97));
      await new Promise<void>((resolve) => {
        const check = () => (slowAnswer.includes("\r\n\r\n") ? resolve() : setTimeout(check, 20));
        check();
      });
      slow.destroy();
      expect(slowAnswer).toMatch(/^HTTP\/1\.1 200/);
      expect((await post(`${server.url}/h/${bin.token}/big`, new Uint8Array(300 * 1000).fill(98))).status).toBe(200);
      const paths = (await listRequests(server.url, bin.key)).requests.map((r) => r.path);
      expect(paths).toEqual(["/big", "/slow"]);
    } finally {
      await server.stop();
    }
  });

  it("cuts off a sender that never finishes its headers (HEADERS_TIMEOUT_MS)", async () => {
    const server = await startServer({ env: { HEADERS_TIMEOUT_MS: "400" } });
    try {
      const bin = await createBin(server.url);
      const started = Date.now();
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(server.port, "127.0.0.1");
        let text = "";
        socket.on("data", (d) => {
          text += d.toString();
        });
        socket.on("close", () => resolve(text));
        socket.write(`POST /h/${bin.token} HTTP/1.1\r\nHost: x\r\nX-Slow: `);
      });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(answer).toContain('"code":"request_timeout"');
      expect((await post(`${server.url}/h/${bin.token}`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("refuses headers larger than MAX_HEADER_BYTES with 431", async () => {
    const server = await startServer({ env: { MAX_HEADER_BYTES: "2048" } });
    try {
      const bin = await createBin(server.url);
      const res = await rawRequest(
        server.port,
        buildRequest("POST", `/h/${bin.token}`, [
          ["Host", "x"],
          ["X-Big", "b".repeat(4000)],
        ]),
      );
      expect(res.status).toBe(431);
      expect(JSON.parse(res.body).error.code).toBe("headers_too_large");
      expect((await listRequests(server.url, bin.key)).requests).toHaveLength(0);
    } finally {
      await server.stop();
    }
  });
});
