// The README's access table, checked route by route in every mode: which secret is in the path
// (the bin's key, its token, a share link's id) and who is calling (nobody, a Bearer access key,
// a signed-in cookie) decide the answer; a refused change changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessMode } from "../lib/access/policy.ts";
import type { BinJson } from "../lib/bins/types.ts";
import type { ShareJson } from "../lib/shares/types.ts";
import { api } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

const ACCESS_KEY = "m".repeat(40);
type Secret = "key" | "token" | "share";
type Caller = "nobody" | "bearer" | "cookie";

// Reading a bin: its key opens it; in private mode only for a signed-in caller.
const BIN_ROUTES = [
  "/api/bins/{s}",
  "/api/bins/{s}/requests",
  "/api/bins/{s}/requests/{id}",
  "/api/bins/{s}/requests/{id}/body",
  "/api/bins/{s}/requests/wait?after=0&timeout=0",
  "/api/bins/{s}/diff?a={id}&b={id}",
  "/b/{s}",
  "/b/{s}/diff?a={id}&b={id}",
];
// Reading through a share link: its id opens it, in every mode, for anyone.
const SHARE_ROUTES = [
  "/api/shares/{s}",
  "/api/shares/{s}/requests",
  "/api/shares/{s}/requests/{id}",
  "/api/shares/{s}/diff?a={id}&b={id}",
  "/s/{s}",
  "/s/{s}/diff?a={id}&b={id}",
];

function expected(mode: AccessMode, route: string, secret: Secret, caller: Caller): number {
  const isPage = !route.startsWith("/api/");
  if (SHARE_ROUTES.includes(route)) return secret === "share" ? 200 : 404;
  if (mode === "private" && caller === "nobody") return isPage ? 303 : 401;
  return secret === "key" ? 200 : 404;
}

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  cleanupServers();
});

describe.each(["open", "restricted", "private"] as AccessMode[])("ACCESS_MODE=%s", (mode) => {
  let server: TestServer;
  let bin: BinJson;
  let share: ShareJson;
  let requestId: string;
  let cookie: string;
  const bearer = { authorization: `Bearer ${ACCESS_KEY}` };

  beforeAll(async () => {
    server = await startServer({ env: { ACCESS_MODE: mode, ACCESS_KEYS: ACCESS_KEY } });
    servers.push(server);
    bin = (await api<BinJson>(server.url, "/api/bins", { method: "POST", body: '{"name":"matrix"}', headers: bearer }))
      .json;
    const res = await fetch(`${server.url}/h/${bin.token}/x`, { method: "POST", body: "payload" });
    requestId = res.headers.get("x-hookscope-request-id") as string;
    share = (
      await api<ShareJson>(server.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}", headers: bearer })
    ).json;
    const signIn = await api(server.url, "/api/session", { method: "POST", body: JSON.stringify({ key: ACCESS_KEY }) });
    cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] as string;
  });

  const secretOf = (secret: Secret) => (secret === "key" ? bin.key : secret === "token" ? bin.token : share.id);
  const headersOf = (caller: Caller): Record<string, string> =>
    caller === "bearer" ? bearer : caller === "cookie" ? { cookie } : {};

  it("answers every read route as the README's table says", async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const route of [...BIN_ROUTES, ...SHARE_ROUTES]) {
      for (const secret of ["key", "token", "share"] as Secret[]) {
        for (const caller of ["nobody", "bearer", "cookie"] as Caller[]) {
          const path = route.replace("{s}", secretOf(secret)).replaceAll("{id}", requestId);
          const res = await fetch(`${server.url}${path}`, { headers: headersOf(caller), redirect: "manual" });
          await res.arrayBuffer();
          const label = `${route} with the ${secret} by ${caller}`;
          got.push(`${label}: ${res.status}`);
          want.push(`${label}: ${expected(mode, route, secret, caller)}`);
        }
      }
    }
    expect(got).toEqual(want);
  });

  it("refuses changes made with the wrong secret, without credentials or from another site, changing nothing", async () => {
    const rename = (path: string, headers: Record<string, string>) =>
      api(server.url, path, { method: "PATCH", body: '{"name":"changed"}', headers });
    expect((await rename(`/api/bins/${bin.token}`, bearer)).status).toBe(404);
    expect((await rename(`/api/bins/${share.id}`, bearer)).status).toBe(404);
    expect((await rename(`/api/shares/${share.id}`, bearer)).status).toBe(405);
    expect((await rename(`/api/bins/${bin.key}`, { cookie, origin: "https://evil.example" })).status).toBe(403);
    const create = await api(server.url, "/api/bins", { method: "POST", body: "{}" });
    expect(create.status).toBe(mode === "open" ? 201 : 401);
    if (mode === "private") expect((await rename(`/api/bins/${bin.key}`, {})).status).toBe(401);
    const now = await api<BinJson>(server.url, `/api/bins/${bin.key}`, { headers: bearer });
    expect(now.json).toMatchObject({ name: "matrix", requestCount: 1, token: bin.token, key: bin.key });
  });
});
