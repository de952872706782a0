import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { CaptureBin } from "../bins/capture-lookup.ts";
import { defaultBinResponse } from "../bins/response.ts";
import { InProcessEventBus } from "../events/bus.ts";
import { RateLimiter } from "../rate-limit.ts";
import { ByteBudget } from "./byte-budget.ts";
import { type CaptureDeps, createCaptureHandler } from "./handler.ts";
import { parseCaptureTarget } from "./target.ts";
import type { CaptureRow, WriteResult } from "./writer-protocol.ts";

const bin: CaptureBin = {
  id: "bin-1",
  token: "tok_aaaaaaaaaaaaaaaaaaaaaa",
  response: defaultBinResponse,
  rules: [],
  forwardUrl: null,
};

interface Harness {
  url: string;
  budget: ByteBudget;
  rows: CaptureRow[];
  /** What each capture's done was called with, in order. */
  dones: unknown[];
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function start(overrides: Partial<CaptureDeps> & { result?: (row: CaptureRow) => WriteResult }) {
  const budget = new ByteBudget(1024 * 1024);
  const rows: CaptureRow[] = [];
  const dones: unknown[] = [];
  const { result = (row: CaptureRow) => ({ ok: true, seq: rows.indexOf(row) + 1, attempt: 1, deliveryKey: null }) } =
    overrides;
  const deps: CaptureDeps = {
    maxBodyBytes: 64 * 1024,
    trustProxy: false,
    cachedBin: (token) => (token === bin.token ? bin : undefined),
    lookUpBin: async () => null,
    forgetBin: () => {},
    // Answered on a later turn, as the writer thread does.
    write: (row) => {
      rows.push(row);
      return new Promise((resolve) => setImmediate(() => resolve(result(row))));
    },
    bus: new InProcessEventBus(),
    limits: { perIp: new RateLimiter(0), perBin: new RateLimiter(0), inflight: budget },
    ...overrides,
  };
  const capture = createCaptureHandler(deps);
  const server = createServer((req, res) => {
    const target = parseCaptureTarget(req.url ?? "/");
    if (!target) throw new Error(`not a capture URL: ${req.url}`);
    capture(req, res, target, undefined, (err) => {
      dones.push(err);
      if (err !== undefined && !res.headersSent) {
        res.statusCode = 500;
        res.end("failed");
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, budget, rows, dones } satisfies Harness;
}

const post = (url: string, body = '{"event":"paid"}') => fetch(url, { method: "POST", body });

describe("the capture handler", () => {
  it("answers after the write with the stored row's id, ends the capture once and releases its body bytes", async () => {
    const h = await start({});
    const res = await post(`${h.url}/h/${bin.token}/orders?x=1`);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { requestId: string };
    expect(h.rows).toHaveLength(1);
    const row = h.rows[0] as CaptureRow;
    expect(answer.requestId).toBe(row.id);
    expect(row).toMatchObject({ binId: bin.id, method: "POST", path: "/orders", query: "x=1" });
    expect(Buffer.from(row.body).toString()).toBe('{"event":"paid"}');
    expect(JSON.parse(row.answer ?? "")).toMatchObject({ ruleId: null, status: 200 });
    expect(h.dones).toEqual([undefined]);
    expect(h.budget.used).toBe(0);
  });

  it("answers a capture the writer refused with its error, releasing its body bytes", async () => {
    const h = await start({
      result: () => ({ ok: false, code: "storage_unavailable", message: "The database is unavailable." }),
    });
    const res = await post(`${h.url}/h/${bin.token}`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("storage_unavailable");
    expect(h.dones).toEqual([undefined]);
    expect(h.budget.used).toBe(0);
  });

  it("ends a capture whose step throws once, with the error, and releases its body bytes", async () => {
    const failure = new Error("writer broke");
    const h = await start({
      write: () => {
        throw failure;
      },
    });
    const res = await post(`${h.url}/h/${bin.token}`);
    expect(res.status).toBe(500);
    expect(h.dones).toEqual([failure]);
    expect(h.budget.used).toBe(0);
  });

  it("looks up a token that is not cached, and answers 404 for one that does not exist", async () => {
    const looked: string[] = [];
    const h = await start({
      lookUpBin: async (token) => {
        looked.push(token);
        return null;
      },
    });
    const res = await post(`${h.url}/h/tok_bbbbbbbbbbbbbbbbbbbbbb`);
    expect(res.status).toBe(404);
    expect(looked).toEqual(["tok_bbbbbbbbbbbbbbbbbbbbbb"]);
    expect(h.rows).toEqual([]);
    expect(h.dones).toEqual([undefined]);
  });

  it("answers 503 when the lookup fails", async () => {
    const h = await start({ lookUpBin: () => Promise.reject(new Error("database gone")) });
    const res = await post(`${h.url}/h/tok_bbbbbbbbbbbbbbbbbbbbbb`);
    expect(res.status).toBe(503);
    expect(h.dones).toEqual([undefined]);
    expect(h.budget.used).toBe(0);
  });
});
