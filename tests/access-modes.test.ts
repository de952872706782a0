// Who may call what in each ACCESS_MODE (README, "Access"): captures and /api/health always; in
// private mode nothing else without a signed-in caller (session cookie or Bearer access key); in
// restricted mode only creating bins needs one. A refused call changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { api } from "./support/http.ts";
import { cleanupServers, startServer, startServerExpectingFailure, type TestServer } from "./support/server.ts";

const KEY = "k".repeat(40);
const bearer = { authorization: `Bearer ${KEY}` };
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  cleanupServers();
});

async function start(env: Record<string, string>): Promise<TestServer> {
  const server = await startServer({ env });
  servers.push(server);
  return server;
}

async function newBin(server: TestServer): Promise<BinJson> {
  const res = await api<BinJson>(server.url, "/api/bins", { method: "POST", body: "{}", headers: bearer });
  expect(res.status).toBe(201);
  return res.json;
}

async function capture(server: TestServer, bin: BinJson): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}/order`, { method: "POST", body: "{}" });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const countOf = async (server: TestServer, bin: BinJson) =>
  (await api<BinJson>(server.url, `/api/bins/${bin.key}`, { headers: bearer })).json.requestCount;

describe("private mode", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await start({ ACCESS_MODE: "private", ACCESS_KEYS: KEY, RATE_LIMIT_SIGNIN: "3" });
  });

  it("takes captures and answers health and sign-in without credentials, and nothing else", async () => {
    const bin = await newBin(server);
    const id = await capture(server, bin);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/signin`)).status).toBe(200);

    for (const page of ["/", `/b/${bin.key}`]) {
      const res = await fetch(`${server.url}${page}`, { redirect: "manual" });
      expect(res.status, page).toBe(303);
      expect(res.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(page)}`);
    }
    const refused: [string, string][] = [
      ["GET", `/api/bins/${bin.key}`],
      ["GET", `/api/bins/${bin.key}/requests`],
      ["GET", `/api/bins/${bin.key}/requests/${id}`],
      ["GET", `/api/bins/${bin.key}/requests/${id}/body`],
      ["GET", `/api/bins/${bin.key}/stream`],
      ["POST", "/api/bins"],
      ["GET", "/api/bins"],
      ["PATCH", `/api/bins/${bin.key}`],
      ["DELETE", `/api/bins/${bin.key}/requests`],
      ["DELETE", `/api/bins/${bin.key}`],
    ];
    for (const [method, path] of refused) {
      for (const headers of [{}, { authorization: `Bearer ${"x".repeat(40)}` }] as Record<string, string>[]) {
        const body = method === "POST" || method === "PATCH" ? '{"name":"changed"}' : undefined;
        const res = await api<{ error: { code: string } }>(server.url, path, { method, headers, body });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.json.error.code).toBe("unauthorized");
      }
    }
    // Nothing was changed by the refused calls.
    const after = await api<BinJson>(server.url, `/api/bins/${bin.key}`, { headers: bearer });
    expect(after.status).toBe(200);
    expect(after.json).toMatchObject({ name: null, requestCount: 1 });
  });

  it("signs in with an access key: an HttpOnly, SameSite=Lax cookie that opens pages and the API until sign-out", async () => {
    const bin = await newBin(server);
    const signIn = await api(server.url, "/api/session", { method: "POST", body: JSON.stringify({ key: KEY }) });
    expect(signIn.status).toBe(204);
    const setCookie = signIn.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^hookscope_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/);
    const cookie = setCookie.split(";")[0] as string;

    expect((await fetch(`${server.url}/`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${server.url}/b/${bin.key}`, { headers: { cookie } })).status).toBe(200);
    expect((await api(server.url, `/api/bins/${bin.key}`, { headers: { cookie } })).status).toBe(200);
    expect((await api<{ signedIn: boolean }>(server.url, "/api/session", { headers: { cookie } })).json).toEqual({
      signedIn: true,
      mode: "private",
    });

    // A signed-in caller lists every bin of the instance, most recent activity first, and by name.
    const named = await api<BinJson>(server.url, "/api/bins", {
      method: "POST",
      body: JSON.stringify({ name: "Stripe staging" }),
      headers: { cookie },
    });
    expect(named.status).toBe(201);
    await capture(server, named.json);
    const listed = await api<{ bins: BinJson[] }>(server.url, "/api/bins", { headers: { cookie } });
    expect(listed.status).toBe(200);
    expect(listed.json.bins[0]).toMatchObject({ key: named.json.key, name: "Stripe staging", requestCount: 1 });
    expect(listed.json.bins.map((b) => b.key)).toContain(bin.key);
    const found = await api<{ bins: BinJson[] }>(server.url, "/api/bins?q=stripe", { headers: bearer });
    expect(found.json.bins.map((b) => b.key)).toEqual([named.json.key]);
    expect((await api(server.url, "/api/bins?limit=0", { headers: bearer })).status).toBe(400);

    // A change with the cookie from another site is refused, and changes nothing.
    const crossSite = await api<{ error: { code: string } }>(server.url, `/api/bins/${bin.key}`, {
      method: "DELETE",
      headers: { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json.error.code).toBe("forbidden_origin");
    expect(await countOf(server, bin)).toBe(0);
    expect((await api(server.url, `/api/bins/${bin.key}`, { headers: bearer })).status).toBe(200);

    // A cookie whose signature was changed is nobody's.
    const forged = `${cookie.slice(0, -2)}xx`;
    expect((await api(server.url, `/api/bins/${bin.key}`, { headers: { cookie: forged } })).status).toBe(401);

    const signOut = await api(server.url, "/api/session", { method: "DELETE", headers: { cookie } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get("set-cookie")).toMatch(
      /^hookscope_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/,
    );
  });

  it("limits failed sign-ins per address, then refuses even the right key for a while", async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await api(server.url, "/api/session", {
        method: "POST",
        body: JSON.stringify({ key: `wrong-${i}` }),
      });
      expect(wrong.status).toBe(401);
    }
    const limited = await api<{ error: { code: string } }>(server.url, "/api/session", {
      method: "POST",
      body: JSON.stringify({ key: KEY }),
    });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("set-cookie")).toBeNull();
    expect(server.logs()).not.toContain(KEY);
  });
});

describe("restricted mode", () => {
  it("needs a signed-in caller to create bins; a bin's key opens it without one", async () => {
    const server = await start({ ACCESS_MODE: "restricted", ACCESS_KEYS: KEY });
    const refused = await api<{ error: { code: string } }>(server.url, "/api/bins", { method: "POST", body: "{}" });
    expect(refused.status).toBe(401);
    const bin = await newBin(server);
    await capture(server, bin);
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.requestCount).toBe(1);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect((await fetch(`${server.url}/b/${bin.key}`)).status).toBe(200);
    // Only a signed-in caller lists every bin.
    expect((await api(server.url, "/api/bins")).status).toBe(401);
    expect((await api<{ bins: BinJson[] }>(server.url, "/api/bins", { headers: bearer })).json.bins).toHaveLength(1);
  });
});

describe("behind https", () => {
  it("marks the session cookie Secure when PUBLIC_URL is https", async () => {
    const server = await start({ ACCESS_MODE: "private", ACCESS_KEYS: KEY, PUBLIC_URL: "https://hooks.example.com" });
    const signIn = await api(server.url, "/api/session", { method: "POST", body: JSON.stringify({ key: KEY }) });
    expect(signIn.status).toBe(204);
    expect(signIn.headers.get("set-cookie")).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=604800; Secure$/);
  });
});

describe("start-up", () => {
  it("refuses private mode without an access key, naming the problem", async () => {
    const { code, output } = await startServerExpectingFailure({ ACCESS_MODE: "private" });
    expect(code).toBe(1);
    expect(output).toMatch(/ACCESS_MODE="private": needs ACCESS_KEYS/);
  });
});
