// GET /api/bins/{key}/requests/wait: the first capture after a seq that passes the filters, as soon
// as it is stored (also one stored before the call), or wait_timeout; concurrent waits are all
// answered, one whose client leaves frees its place, and on PostgreSQL a capture through another
// instance answers a wait on this one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { api, createBin, getRecord } from "./support/http.ts";
import { cleanupServers, ON_POSTGRES, startServer, type TestServer } from "./support/server.ts";
import { untilWaiting, type WaitAnswer, waitAlone } from "./support/wait.ts";

let server: TestServer;
/** Allows one wait per bin: a second one is refused exactly while the first is waiting. */
let single: TestServer;
/** On PostgreSQL, a second instance on `single`'s database. */
let other: TestServer | undefined;

beforeAll(async () => {
  [server, single] = await Promise.all([
    startServer({ env: { WAIT_MAX_SECONDS: "20" } }),
    startServer({ env: { WAIT_MAX_PER_BIN: "1" } }),
  ]);
  if (ON_POSTGRES) other = await startServer({ dbFile: single.dbFile });
}, 120_000);
afterAll(async () => {
  await Promise.all([server?.stop(), single?.stop(), other?.stop()]);
  cleanupServers();
});

const wait = (base: string, bin: BinJson, query: string, signal?: AbortSignal): Promise<WaitAnswer> =>
  api<WaitAnswer["json"]>(base, `/api/bins/${bin.key}/requests/wait${query}`, { signal });

async function capture(base: string, bin: BinJson, path: string, init: RequestInit = {}): Promise<string> {
  const res = await fetch(`${base}/h/${bin.token}${path}`, { method: "POST", body: path, ...init });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

describe("waiting for a capture", () => {
  it("answers with the full record of a matching capture, like GET /requests/{id}", async () => {
    const bin = await createBin(server.url);
    const id = await capture(server.url, bin, "/hooks/github?x=1", { headers: { "x-event": "push" } });
    const answer = await wait(server.url, bin, "?after=0&timeout=5");
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(await getRecord(server.url, bin.key, id));
  });

  it("answers 408 wait_timeout when nothing matches in time", async () => {
    const bin = await createBin(server.url);
    await capture(server.url, bin, "/other");
    const answer = await wait(server.url, bin, "?after=0&path=/wanted&timeout=1");
    expect(answer.status).toBe(408);
    expect(answer.json.error?.code).toBe("wait_timeout");
  });

  it("answers with a capture that arrives during the wait", async () => {
    const bin = await createBin(single.url);
    await capture(single.url, bin, "/before");
    const pending = waitAlone(single.url, bin.key, "?after=1&timeout=20");
    await untilWaiting(single.url, bin.key);
    const id = await capture(single.url, bin, "/during");
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.json.id).toBe(id);
    expect(answer.json.path).toBe("/during");
  });

  it("answers at once with the first capture after an older `after`, stored before the call", async () => {
    const bin = await createBin(server.url);
    await capture(server.url, bin, "/one");
    await capture(server.url, bin, "/two");
    await capture(server.url, bin, "/three");
    const answer = await wait(server.url, bin, "?after=1&timeout=0");
    expect(answer.status).toBe(200);
    expect(answer.json.path).toBe("/two");
    expect(answer.json.seq).toBe(2);
  });

  it("without `after`, waits for the next capture rather than answering with one already stored", async () => {
    const bin = await createBin(server.url);
    await capture(server.url, bin, "/old");
    const answer = await wait(server.url, bin, "?timeout=0");
    expect(answer.status).toBe(408);
  });

  it("skips captures of another method", async () => {
    const bin = await createBin(server.url);
    await capture(server.url, bin, "/x", { method: "PUT" });
    const id = await capture(server.url, bin, "/x", { method: "POST" });
    const answer = await wait(server.url, bin, "?after=0&method=post&timeout=5");
    expect(answer.status).toBe(200);
    expect(answer.json.id).toBe(id);
    expect(answer.json.method).toBe("POST");
  });

  it("skips captures whose path does not match the glob", async () => {
    const bin = await createBin(server.url);
    await capture(server.url, bin, "/orders/42/items");
    await capture(server.url, bin, "/invoices/42");
    const id = await capture(server.url, bin, "/orders/42?paid=1");
    expect((await wait(server.url, bin, "?after=0&path=/orders/*&timeout=5")).json.id).toBe(id);
    const deep = await wait(server.url, bin, `?after=0&path=${encodeURIComponent("/orders/**")}&timeout=5`);
    expect(deep.json.path).toBe("/orders/42/items");
  });

  it("skips captures that do not contain q, with the list's meaning of q", async () => {
    const bin = await createBin(server.url);
    await capture(server.url, bin, "/a", { body: '{"status":"pending"}' });
    const id = await capture(server.url, bin, "/b", { body: '{"status":"PAID"}' });
    const answer = await wait(server.url, bin, "?after=0&q=paid&timeout=5");
    expect(answer.status).toBe(200);
    expect(answer.json.id).toBe(id);
    const listed = await api<{ requests: { id: string }[] }>(server.url, `/api/bins/${bin.key}/requests?q=paid`);
    expect(listed.json.requests.map((r) => r.id)).toEqual([id]);
  });

  it("answers every concurrent wait, each with the first capture it matches", async () => {
    const bin = await createBin(server.url);
    const waits = [
      ...Array.from({ length: 4 }, () => wait(server.url, bin, "?after=0&timeout=20")),
      wait(server.url, bin, "?after=0&method=PUT&timeout=20"),
    ];
    const first = await capture(server.url, bin, "/first");
    const put = await capture(server.url, bin, "/second", { method: "PUT" });
    const answers = await Promise.all(waits);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.json.id)).toEqual([first, first, first, first, put]);
  });

  it("frees a wait's place when its client disconnects", async () => {
    const bin = await createBin(single.url);
    const leaving = new AbortController();
    const pending = waitAlone(single.url, bin.key, "?timeout=120", leaving.signal).catch((err: Error) => err);
    await untilWaiting(single.url, bin.key);
    leaving.abort();
    expect(await pending).toBeInstanceOf(Error);
    // Refused while the abandoned wait still holds the bin's one place (for two minutes, past this
    // test's own timeout, were it kept); answered once it is freed.
    let probe: WaitAnswer;
    do probe = await wait(single.url, bin, "?timeout=0");
    while (probe.status === 429);
    expect(probe.status).toBe(408);
  });

  it("refuses more waits on one bin than WAIT_MAX_PER_BIN with 429", async () => {
    const bin = await createBin(single.url);
    const pending = waitAlone(single.url, bin.key, "?after=0&timeout=20");
    await untilWaiting(single.url, bin.key);
    const refused = await wait(single.url, bin, "?timeout=1");
    expect(refused.status).toBe(429);
    expect(refused.json.error?.code).toBe("rate_limited");
    await capture(single.url, bin, "/done");
    expect((await pending).status).toBe(200);
  });

  it("refuses bad parameters with 400", async () => {
    const bin = await createBin(server.url);
    for (const query of ["?timeout=21", "?timeout=-1", "?timeout=abc", "?after=x", "?path=nolead", "?method=P%20T"]) {
      const answer = await wait(server.url, bin, query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error?.code, query).toBe("validation_failed");
    }
  });

  it("answers 404 for an unknown key and 405 for another method", async () => {
    const bin = await createBin(server.url);
    expect((await api(server.url, "/api/bins/unknownunknownunknown0/requests/wait?timeout=0")).status).toBe(404);
    expect((await api(server.url, `/api/bins/${bin.key}/requests/wait`, { method: "POST" })).status).toBe(405);
  });

  it.runIf(ON_POSTGRES)("is answered by a capture stored through another instance", async () => {
    const bin = await createBin(single.url);
    await capture(single.url, bin, "/from/a", { method: "PUT" });
    const pending = waitAlone(single.url, bin.key, "?after=1&method=POST&path=/from/*&timeout=20");
    await untilWaiting(single.url, bin.key);
    const id = await capture((other as TestServer).url, bin, "/from/b");
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.json.id).toBe(id);
  });
});
