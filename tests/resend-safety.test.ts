// With RESEND_ALLOW_PRIVATE=false, resends and forwards to loopback, private and link-local
// targets are refused before any connection is made (the unit tests of lib/resend/send.ts count
// the TCP connects; here a loopback target proves nothing reached it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { ResendItem, ResendList } from "../lib/resend/types.ts";
import { api, createBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { startTarget, type Target } from "./support/target.ts";

let server: TestServer;
let target: Target;
let bin: BinJson;

beforeAll(async () => {
  [server, target] = await Promise.all([
    startServer({ env: { RESEND_ALLOW_PRIVATE: "false", FORWARD_RETRY_BASE_MS: "20" } }),
    startTarget(),
  ]);
  bin = await createBin(server.url);
});
afterAll(async () => {
  await Promise.all([server?.stop(), target?.close()]);
  cleanupServers();
});

type ErrorJson = { error: { code: string; message: string } };

async function capture(path: string): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, { method: "POST", body: "secret payload" });
  return res.headers.get("x-hookscope-request-id") as string;
}

const history = async (id: string) =>
  (await api<ResendList>(server.url, `/api/bins/${bin.key}/requests/${id}/resends`)).json.resends;

describe("target safety", () => {
  it.each([
    ["loopback IPv4", "http://127.0.0.1:PORT/hook", /loopback/],
    ["loopback IPv6", "http://[::1]:PORT/hook", /loopback/],
    ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]:PORT/hook", /loopback/],
    ["a name resolving to loopback", "http://localhost:PORT/hook", /localhost \(.*\) .*loopback/],
    ["private", "http://10.0.0.1/hook", /private/],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/", /link-local/],
    ["unspecified", "http://0.0.0.0:PORT/", /unspecified/],
  ])("refuses %s with 400 and sends nothing", async (_name, pattern, message) => {
    const id = await capture("/refused");
    const connections = target.connections;
    const url = pattern.replace("PORT", String(target.port));
    const started = Date.now();
    const res = await api<ErrorJson>(server.url, `/api/bins/${bin.key}/requests/${id}/resend`, {
      method: "POST",
      body: JSON.stringify({ url }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("target_refused");
    expect(res.json.error.message).toMatch(message);
    expect(res.json.error.message).toContain("RESEND_ALLOW_PRIVATE");
    // Refused before connecting: no connect timeout was waited for, and the loopback target saw nothing.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(target.connections).toBe(connections);
    expect(await history(id)).toEqual([]);
  });

  it("records a forward to a refused target as a failed automatic attempt, without retrying", async () => {
    const patched = await api(server.url, `/api/bins/${bin.key}`, {
      method: "PATCH",
      body: JSON.stringify({ forwardUrl: `http://127.0.0.1:${target.port}/forward` }),
    });
    expect(patched.status).toBe(200);
    const connections = target.connections;
    const id = await capture("/forwarded");
    let items: ResendItem[] = [];
    for (let i = 0; i < 200 && items.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      items = await history(id);
    }
    await new Promise((r) => setTimeout(r, 300));
    items = await history(id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ auto: true, status: null, error: { code: "target_refused" } });
    expect(target.connections).toBe(connections);
  });
});
