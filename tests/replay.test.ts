// Bulk replay: captures resent to one URL in the order they arrived, byte-exact, `repeat` rounds,
// `paceMs` apart, each send recorded in its capture's resend history; refusals before anything is
// sent; one replay per bin at a time; a capture deleted meanwhile skipped; a client that leaves
// stops it.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { ReplayAnswer, ReplaySend, ReplayTotals } from "../lib/replay/types.ts";
import type { ResendList } from "../lib/resend/types.ts";
import { api, createBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { closedPort, type Received, startTarget, type Target } from "./support/target.ts";

const MAX_SENDS = 10;
const MAX_PACE_MS = 500;
/** Room for the other tests' "ok" answers, not for three 300-byte ones. */
const MAX_ANSWER_BYTES = 500;
let server: TestServer;
let target: Target;

beforeAll(async () => {
  [server, target] = await Promise.all([
    startServer({
      env: {
        REPLAY_MAX_SENDS: String(MAX_SENDS),
        REPLAY_MAX_PACE_MS: String(MAX_PACE_MS),
        REPLAY_MAX_ANSWER_BYTES: String(MAX_ANSWER_BYTES),
        RESEND_TIMEOUT_MS: "2000",
      },
    }),
    startTarget(),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), target?.close()]);
  cleanupServers();
});

type ErrorJson = { error: { code: string; message: string } };

async function capture(bin: BinJson, path: string, init: RequestInit): Promise<string> {
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, init);
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const replay = (bin: BinJson, body: unknown) =>
  api<ReplayAnswer & ErrorJson>(server.url, `/api/bins/${bin.key}/replay`, {
    method: "POST",
    body: JSON.stringify(body),
  });

const history = async (bin: BinJson, id: string) =>
  (await api<ResendList>(server.url, `/api/bins/${bin.key}/requests/${id}/resends`)).json.resends;

/** A bin with three POST captures, /a /b /c, in that order. */
async function binOfThree(): Promise<{ bin: BinJson; ids: string[] }> {
  const bin = await createBin(server.url);
  const ids: string[] = [];
  for (const name of ["a", "b", "c"]) ids.push(await capture(bin, `/${name}`, { method: "POST", body: name }));
  return { bin, ids };
}

/** Each request the target receives from here on, answered only when the test says so. */
function holdAnswers(t: Target) {
  const held: http.ServerResponse[] = [];
  const arrived: Received[] = [];
  t.reply((req, res) => {
    arrived.push(req);
    held.push(res);
  });
  return {
    async waitFor(count: number) {
      const deadline = Date.now() + 10_000;
      while (arrived.length < count) {
        if (Date.now() > deadline) throw new Error(`target got ${arrived.length} of ${count} requests`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    releaseAll() {
      t.reply((_req, res) => res.end("ok"));
      for (const res of held.splice(0)) res.end("ok");
    },
  };
}

/** Polls until the bin has no replay running: a replay of an unknown id is 409 while one runs, 404 after. */
async function untilIdle(bin: BinJson): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await replay(bin, { url: `${target.url}/idle`, ids: ["01900000-0000-7000-8000-000000000000"] });
    if (res.status === 404) return;
    expect(res.json.error.code).toBe("replay_in_progress");
    if (Date.now() > deadline) throw new Error("the replay never finished");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("replay", () => {
  it("sends the chosen captures in the order they arrived, byte-exact, and records each in its history", async () => {
    const bin = await createBin(server.url);
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x80, 0x7f]);
    const json = JSON.stringify({ id: "evt_1", note: "Zoë ☕" });
    const ids = [
      await capture(bin, "/json?x=1", {
        method: "POST",
        body: json,
        headers: { "Content-Type": "application/json", "X-Signature": "sig-1" },
      }),
      await capture(bin, "/binary", {
        method: "PUT",
        body: binary,
        headers: { "Content-Type": "application/octet-stream" },
      }),
      await capture(bin, "/empty", { method: "GET" }),
      await capture(bin, "/empty-post", { method: "POST", body: "" }),
    ];
    const before = target.received.length;
    // Given in another order: sent in the order they arrived.
    const res = await replay(bin, { url: `${target.url}/hook?to=local`, ids: [ids[2], ids[0], ids[3], ids[1]] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ sent: 4, failed: 0 });
    expect(res.json.results.map((r) => [r.requestId, r.round, r.method, r.path])).toEqual([
      [ids[0], 1, "POST", "/json"],
      [ids[1], 1, "PUT", "/binary"],
      [ids[2], 1, "GET", "/empty"],
      [ids[3], 1, "POST", "/empty-post"],
    ]);
    const seqs = res.json.results.map((r) => r.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const got = target.received.slice(before);
    expect(got.map((r) => [r.method, r.url])).toEqual([
      ["POST", "/hook?to=local"],
      ["PUT", "/hook?to=local"],
      ["GET", "/hook?to=local"],
      ["POST", "/hook?to=local"],
    ]);
    expect(got[0]?.body.toString("utf8")).toBe(json);
    expect(got[0]?.headers).toContainEqual(["X-Signature", "sig-1"]);
    expect(got[1]?.body.equals(binary)).toBe(true);
    expect(got[2]?.body.length).toBe(0);
    expect(got[3]?.body.length).toBe(0);
    for (const [i, result] of res.json.results.entries()) {
      expect(result.resend).toMatchObject({ status: 200, body: "ok", error: null });
      const items = await history(bin, ids[i] as string);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ id: result.resend.id, url: `${target.url}/hook?to=local`, auto: false });
    }
  });

  it("repeats the whole sequence round after round", async () => {
    const { bin, ids } = await binOfThree();
    const before = target.received.length;
    const res = await replay(bin, { url: `${target.url}/rounds`, filter: {}, repeat: 3 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ sent: 9, failed: 0 });
    expect(res.json.results.map((r) => [r.round, r.requestId])).toEqual(
      [1, 2, 3].flatMap((round) => ids.map((id) => [round, id])),
    );
    expect(target.received.slice(before).map((r) => r.body.toString())).toEqual([
      "a",
      "b",
      "c",
      "a",
      "b",
      "c",
      "a",
      "b",
      "c",
    ]);
    for (const id of ids) expect(await history(bin, id)).toHaveLength(3);
  });

  it("waits paceMs between two sends, measured where they arrive", async () => {
    const { bin } = await binOfThree();
    const times: number[] = [];
    target.reply((_req, res) => {
      times.push(performance.timeOrigin + performance.now());
      res.end("ok");
    });
    try {
      const res = await replay(bin, { url: `${target.url}/paced`, filter: {}, repeat: 2, paceMs: 150 });
      expect(res.status).toBe(200);
      expect(times).toHaveLength(6);
      for (let i = 1; i < times.length; i++) {
        expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(150);
      }
    } finally {
      target.reply((_req, res) => res.end("ok"));
    }
  });

  it("chooses captures by the list's filters: method, text, redeliveries, or all", async () => {
    const bin = await createBin(server.url);
    const put = await capture(bin, "/one", { method: "PUT", body: "zebra" });
    const post = await capture(bin, "/two", { method: "POST", body: "has the NeEdLe inside" });
    const other = await capture(bin, "/three", { method: "POST", body: "zebra" });
    const chosen = async (filter: unknown) =>
      (await replay(bin, { url: `${target.url}/f`, filter })).json.results.map((r) => r.requestId);
    expect(await chosen({ method: "PUT" })).toEqual([put]);
    expect(await chosen({ q: "needle" })).toEqual([post]);
    expect(await chosen({ method: "post", q: "ZEBRA" })).toEqual([other]);
    expect(await chosen({})).toEqual([put, post, other]);
    expect(await chosen({ q: "absent" })).toEqual([]);
    // The same body again, with no sender id: a redelivery by the body's hash.
    expect(await chosen({ redelivered: true })).toEqual([other]);
    expect(await chosen({ redelivered: true, q: "zebra" })).toEqual([other]);
    expect(await chosen({ redelivered: true, method: "PUT" })).toEqual([]);
    const none = await replay(bin, { url: `${target.url}/f`, filter: { q: "absent" } });
    expect(none.json).toEqual({ results: [], sent: 0, failed: 0 });
  });

  it("refuses, before sending anything, what it cannot do", async () => {
    const { bin, ids } = await binOfThree();
    const { bin: otherBin, ids: otherIds } = await binOfThree();
    const before = target.received.length;
    const url = `${target.url}/refused`;
    const cases: [unknown, number, string, RegExp][] = [
      [{ url, ids: [ids[0], "01900000-0000-7000-8000-00000000dead"] }, 404, "request_not_found", /00000000dead/],
      [{ url, ids: [otherIds[0]] }, 404, "request_not_found", new RegExp(otherIds[0] as string)],
      [{ url, ids, filter: {} }, 400, "validation_failed", /either ids or filter/],
      [{ url }, 400, "validation_failed", /either ids or filter/],
      [{ url, ids: [] }, 400, "validation_failed", /at least one/],
      [{ url, filter: {}, repeat: 4 }, 400, "validation_failed", /REPLAY_MAX_SENDS/],
      [{ url, filter: {}, repeat: MAX_SENDS + 1 }, 400, "validation_failed", /REPLAY_MAX_SENDS/],
      [{ url, ids, paceMs: MAX_PACE_MS + 1 }, 400, "validation_failed", /REPLAY_MAX_PACE_MS/],
      [{ url, ids, repeat: 0 }, 400, "validation_failed", /repeat/],
      [{ url, filter: { method: "NOT A METHOD" } }, 400, "validation_failed", /method/],
      [{ url: "ftp://example.com/x", ids }, 400, "invalid_url", /http/],
      [{ url: `${server.url}/h/${otherBin.token}`, ids }, 400, "target_refused", /own capture URLs/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await replay(bin, body);
      expect({ body, status: res.status, code: res.json.error?.code }).toEqual({ body, status, code });
      expect(res.json.error.message).toMatch(message);
    }
    expect(target.received.length).toBe(before);
    for (const id of ids) expect(await history(bin, id)).toEqual([]);
    const missing = await api<ErrorJson>(server.url, `/api/bins/${"x".repeat(24)}/replay`, {
      method: "POST",
      body: JSON.stringify({ url, filter: {} }),
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("bin_not_found");
  });

  it("reports a target that does not answer per send, and goes on", async () => {
    const { bin, ids } = await binOfThree();
    const res = await replay(bin, { url: `http://127.0.0.1:${await closedPort()}/x`, filter: {} });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ sent: 0, failed: 3 });
    for (const result of res.json.results) {
      expect(result.resend).toMatchObject({ status: null, error: { code: "target_unreachable" } });
    }
    expect((await history(bin, ids[2] as string))[0]?.error?.code).toBe("target_unreachable");
  });

  it("runs one replay per bin at a time, and skips a capture deleted during the replay", async () => {
    const { bin, ids } = await binOfThree();
    const { bin: otherBin } = await binOfThree();
    const hold = holdAnswers(target);
    try {
      const running = replay(bin, { url: `${target.url}/held`, filter: {} });
      await hold.waitFor(1);
      const second = await replay(bin, { url: `${target.url}/second`, filter: {} });
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe("replay_in_progress");
      // Another bin's replay is not held up (its target is a closed port: it fails fast).
      const other = await replay(otherBin, { url: `http://127.0.0.1:${await closedPort()}/other`, filter: {} });
      expect(other.json).toMatchObject({ sent: 0, failed: 3 });
      const deleted = await api(server.url, `/api/bins/${bin.key}/requests/${ids[2]}`, { method: "DELETE" });
      expect(deleted.status).toBe(204);
      hold.releaseAll();
      const res = await running;
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ sent: 2, failed: 1 });
      expect(res.json.results[2]).toMatchObject({
        requestId: ids[2],
        resend: { id: null, status: null, error: { code: "request_not_found" } },
      });
    } finally {
      hold.releaseAll();
    }
  });

  it("holds answer bodies up to REPLAY_MAX_ANSWER_BYTES in its JSON answer; each stays whole in its history", async () => {
    const { bin, ids } = await binOfThree();
    const answers = ["a", "b", "c"].map((c) => c.repeat(300));
    // Each capture's body is its name: the answer to "b" is 300 b's.
    target.reply((req, res) => res.end(req.body.toString("utf8").repeat(300)));
    try {
      const res = await replay(bin, { url: target.url, ids });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ sent: 3, failed: 0 });
      const [first, ...rest] = res.json.results.map((r) => r.resend);
      expect(first).toMatchObject({ status: 200, body: answers[0], bodyTruncated: false });
      for (const resend of rest) expect(resend).toMatchObject({ status: 200, body: "", bodyTruncated: true });
      for (const [i, id] of ids.entries()) {
        const [item] = await history(bin, id);
        expect(item).toMatchObject({ body: answers[i], bodyTruncated: false });
      }
      // The NDJSON answer holds nothing, so it gives every body.
      const streamed = await fetch(`${server.url}/api/bins/${bin.key}/replay`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
        body: JSON.stringify({ url: target.url, ids }),
      });
      const lines = (await streamed.text()).trim().split("\n").slice(0, 3);
      expect(lines.map((l) => (JSON.parse(l) as ReplaySend).resend)).toMatchObject(
        answers.map((body) => ({ body, bodyTruncated: false })),
      );
    } finally {
      target.reply((_req, res) => res.end("ok"));
    }
  });

  it("streams one NDJSON line per send, then the totals; refusals stay JSON errors", async () => {
    const { bin, ids } = await binOfThree();
    const res = await fetch(`${server.url}/api/bins/${bin.key}/replay`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
      body: JSON.stringify({ url: `${target.url}/lines`, ids, repeat: 2 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as ReplaySend | ReplayTotals);
    expect(lines).toHaveLength(7);
    expect(lines.slice(0, 6).map((l) => [(l as ReplaySend).round, (l as ReplaySend).requestId])).toEqual(
      [1, 2].flatMap((round) => ids.map((id) => [round, id])),
    );
    expect(lines[6]).toEqual({ sent: 6, failed: 0 });

    const refused = await fetch(`${server.url}/api/bins/${bin.key}/replay`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
      body: JSON.stringify({ url: `${target.url}/lines`, ids: ["01900000-0000-7000-8000-00000000beef"] }),
    });
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await refused.json()) as ErrorJson).error.code).toBe("request_not_found");
  });

  it("stops after the current send when the client goes away", async () => {
    const { bin, ids } = await binOfThree();
    const before = target.received.length;
    const hold = holdAnswers(target);
    try {
      const controller = new AbortController();
      const leaving = fetch(`${server.url}/api/bins/${bin.key}/replay`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        // The pause after the current send gives the server time to see the client leave.
        body: JSON.stringify({ url: `${target.url}/leaving`, filter: {}, repeat: 2, paceMs: MAX_PACE_MS }),
        signal: controller.signal,
      }).catch((err: Error) => err);
      await hold.waitFor(1);
      controller.abort();
      expect(await leaving).toBeInstanceOf(Error);
      hold.releaseAll();
      await untilIdle(bin);
      expect(target.received.length - before).toBe(1);
      expect(await history(bin, ids[0] as string)).toHaveLength(1);
      expect(await history(bin, ids[1] as string)).toEqual([]);
    } finally {
      hold.releaseAll();
    }
  });
});
