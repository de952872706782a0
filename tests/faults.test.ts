// Faults a real deployment meets: a full disk, a locked database, a live viewer that stops
// reading. Each gives a clear answer, loses nothing already stored, and capture resumes after.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { api, createBin, listRequests } from "./support/http.ts";
import { cleanupServers, startServer } from "./support/server.ts";
import { openStream } from "./support/sse.ts";

afterAll(cleanupServers);

const post = (url: string, body: string | Uint8Array<ArrayBuffer>) => fetch(url, { method: "POST", body });

describe("a full disk", () => {
  it("answers 503 storage_unavailable while the disk is full, keeps serving reads, and captures again once space is freed", async () => {
    // A small filesystem of its own (needs root, as on the CI machines) so that it can really fill up.
    const mount = mkdtempSync(path.join(tmpdir(), "hookscope-full-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mount]);
    const server = await startServer({ dbFile: path.join(mount, "hookscope.db") });
    try {
      const bin = await createBin(server.url);
      expect((await post(`${server.url}/h/${bin.token}/before`, "stored before")).status).toBe(200);

      const filler = path.join(mount, "filler");
      try {
        writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
      } catch {
        // ENOSPC: the filesystem is now full.
      }
      const refused = await post(`${server.url}/h/${bin.token}/during`, new Uint8Array(256 * 1024).fill(120));
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("storage_unavailable");
      expect((await listRequests(server.url, bin.key)).requests.map((r) => r.path)).toEqual(["/before"]);

      rmSync(filler);
      expect((await post(`${server.url}/h/${bin.token}/after`, new Uint8Array(256 * 1024).fill(121))).status).toBe(200);
      expect((await listRequests(server.url, bin.key)).requests.map((r) => r.path)).toEqual(["/after", "/before"]);
    } finally {
      await server.stop();
      execFileSync("umount", [mount]);
      rmSync(mount, { recursive: true, force: true });
    }
  });
});

describe("a locked database", () => {
  it("answers 503 when another process holds the write lock past DB_BUSY_TIMEOUT_MS, then captures again", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hookscope-lock-"));
    mkdirSync(dir, { recursive: true });
    const server = await startServer({ dbFile: path.join(dir, "hookscope.db"), env: { DB_BUSY_TIMEOUT_MS: "300" } });
    const intruder = new Database(server.dbFile);
    try {
      const bin = await createBin(server.url);
      intruder.exec("BEGIN IMMEDIATE");
      const started = Date.now();
      const refused = await post(`${server.url}/h/${bin.token}/locked`, "x");
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("storage_unavailable");
      expect(Date.now() - started).toBeLessThan(5000);

      intruder.exec("ROLLBACK");
      expect((await post(`${server.url}/h/${bin.token}/free`, "y")).status).toBe(200);
      expect((await listRequests(server.url, bin.key)).requests.map((r) => r.path)).toEqual(["/free"]);
    } finally {
      intruder.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a live viewer that stops reading", () => {
  it("is disconnected once its buffer is full, while captures and other viewers carry on", async () => {
    // Two viewers allowed: while the stalled one is connected, a third is refused; once the server
    // drops it, a third gets in. That is how the test sees the drop from outside.
    const server = await startServer({
      env: {
        SSE_MAX_BUFFER_BYTES: String(2 * 1024 * 1024),
        SSE_MAX_SUBSCRIBERS_PER_BIN: "2",
        MAX_REQUESTS_PER_BIN: "10000",
      },
    });
    try {
      const bin = await createBin(server.url);
      const streamUrl = `${server.url}/api/bins/${bin.key}/stream`;
      const reader = await openStream(streamUrl);
      const stalled = await new Promise<http.ClientRequest>((resolve) => {
        const req = http.get(streamUrl, (res) => {
          res.pause();
          res.socket.pause();
          resolve(req);
        });
      });
      const thirdViewerStatus = async () => {
        const probe = await openStream(streamUrl);
        probe.close();
        return probe.status;
      };
      expect(await thirdViewerStatus()).toBe(429);

      // Large paths make large events, so the kernel's socket buffers fill after a few MB.
      const longPath = `/${"p".repeat(6000)}`;
      let sent = 0;
      let dropped = false;
      while (!dropped && sent < 8000) {
        const statuses = await Promise.all(
          Array.from(
            { length: 100 },
            async (_, i) => (await post(`${server.url}/h/${bin.token}${longPath}/${sent + i}`, "x")).status,
          ),
        );
        expect(new Set(statuses)).toEqual(new Set([200]));
        sent += 100;
        dropped = (await thirdViewerStatus()) === 200;
      }
      expect(dropped).toBe(true);
      await reader.waitForEvents(sent, 20_000);
      expect(reader.events.filter((e) => e.event === "request")).toHaveLength(sent);
      expect((await api<{ requestCount: number }>(server.url, `/api/bins/${bin.key}`)).json.requestCount).toBe(sent);
      reader.close();
      stalled.destroy();
    } finally {
      await server.stop();
    }
  });
});
