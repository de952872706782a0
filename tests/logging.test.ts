// The server's log: one JSON object per line with LOG_FORMAT=json, and never a bin's token or key.
import { afterAll, describe, expect, it } from "vitest";
import { createBin, rawRequest } from "./support/http.ts";
import { cleanupServers, startServer } from "./support/server.ts";

afterAll(() => cleanupServers());

describe("LOG_FORMAT=json", () => {
  it("writes every line as a JSON object with time, level and message, and no token or key", async () => {
    const server = await startServer({ env: { LOG_FORMAT: "json" } });
    const bin = await createBin(server.url);
    expect((await fetch(`${bin.captureUrl}/x`, { method: "POST", body: "hi" })).status).toBe(200);
    // Both secrets rotated, then the bin read through its new key: none of the four is logged.
    const secrets = [bin.token, bin.key];
    let key = bin.key;
    for (const secret of ["token", "key"]) {
      const res = await fetch(`${server.url}/api/bins/${key}/rotate`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ secret }),
      });
      expect(res.status).toBe(200);
      const rotated = (await res.json()) as { token: string; key: string };
      secrets.push(rotated[secret as "token" | "key"]);
      key = rotated.key;
    }
    expect((await fetch(`${server.url}/api/bins/${key}`)).status).toBe(200);
    // A method the parser rejects is logged (method and parser code only).
    const rejected = await rawRequest(server.port, `FOO /h/${bin.token} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(rejected.status).toBe(400);
    expect(await server.stop()).toBe(0);

    const lines = server
      .logs()
      .split("\n")
      .filter((line) => line.trim() !== "");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const entry = JSON.parse(line) as { time: string; level: string; msg: string };
      expect(entry.level, line).toMatch(/^(info|error)$/);
      expect(Number.isNaN(Date.parse(entry.time)), line).toBe(false);
      expect(typeof entry.msg, line).toBe("string");
    }
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.some((m) => m.startsWith("listening on http://"))).toBe(true);
    expect(messages.some((m) => m.includes('method "FOO"'))).toBe(true);
    expect(messages.at(-1)).toBe("stopped");
    for (const secret of secrets) expect(server.logs()).not.toContain(secret);
  });
});
