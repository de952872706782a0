// A request keeps at most MAX_RESENDS_PER_REQUEST attempts: recording one more deletes its oldest,
// so a request resent or forwarded without end cannot grow the database without bound.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { ResendList } from "../lib/resend/types.ts";
import { api, createBin } from "./support/http.ts";
import { cleanupServers, ON_POSTGRES, startServer, type TestServer } from "./support/server.ts";
import { startTarget, type Target } from "./support/target.ts";

const CAP = 3;
let server: TestServer;
let target: Target;
let bin: BinJson;

beforeAll(async () => {
  [server, target] = await Promise.all([startServer({ env: { MAX_RESENDS_PER_REQUEST: String(CAP) } }), startTarget()]);
  bin = await createBin(server.url);
});
afterAll(async () => {
  await Promise.all([server?.stop(), target?.close()]);
  cleanupServers();
});

async function capture(): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}`, { method: "POST", body: "payload" });
  return res.headers.get("x-hookscope-request-id") as string;
}

async function resend(id: string, path: string): Promise<void> {
  const res = await api(server.url, `/api/bins/${bin.key}/requests/${id}/resend`, {
    method: "POST",
    body: JSON.stringify({ url: `${target.url}${path}` }),
  });
  expect(res.status).toBe(200);
}

/** Attempt rows stored for a request, counted in the database itself (the list answer is capped too). */
async function storedAttempts(id: string): Promise<number> {
  if (ON_POSTGRES) {
    const client = new pg.Client({ connectionString: server.dbFile });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Resend" WHERE "requestId" = $1`, [id]);
      return rows[0].n;
    } finally {
      await client.end();
    }
  }
  const db = new Database(server.dbFile, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM Resend WHERE requestId = ?").get(id) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("MAX_RESENDS_PER_REQUEST", () => {
  it("keeps a request's newest attempts and deletes the oldest, leaving other requests' alone", async () => {
    const [busy, quiet] = [await capture(), await capture()];
    await resend(quiet, "/quiet/1");
    await resend(quiet, "/quiet/2");
    for (let i = 1; i <= CAP + 2; i++) await resend(busy, `/busy/${i}`);

    const { resends } = (await api<ResendList>(server.url, `/api/bins/${bin.key}/requests/${busy}/resends`)).json;
    expect(resends.map((r) => r.url)).toEqual([5, 4, 3].map((i) => `${target.url}/busy/${i}`));
    expect(await storedAttempts(busy)).toBe(CAP);
    expect(await storedAttempts(quiet)).toBe(2);
  });
});
