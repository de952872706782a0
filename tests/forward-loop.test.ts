// Forwarding loops end after one round, however the loop is closed. The URL check refuses a
// bin's own capture URL in the forms it can know; what it cannot know (an alias that reaches this
// server, another Hookscope server forwarding back) is stopped by the hop header every forward
// carries: the looped capture is stored and answered, not forwarded again, and says why.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestRecord } from "../lib/requests/types.ts";
import type { ResendItem, ResendList } from "../lib/resend/types.ts";
import { api, createBin, getRecord, listRequests } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
let other: TestServer;
let alias: Alias;

/** A TCP relay to the server: an address that reaches it but that it cannot know as its own. */
interface Alias {
  port: number;
  close(): Promise<void>;
}

function startAlias(port: number): Promise<Alias> {
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((socket) => {
    const upstream = net.connect(port, "127.0.0.1");
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on("error", () => {
        socket.destroy();
        upstream.destroy();
      });
      s.on("close", () => sockets.delete(s));
    }
    socket.pipe(upstream).pipe(socket);
  });
  return new Promise((resolve) => {
    relay.listen(0, "127.0.0.1", () => {
      resolve({
        port: (relay.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            relay.close(() => done());
          }),
      });
    });
  });
}

beforeAll(async () => {
  [server, other] = await Promise.all([startServer(), startServer()]);
  alias = await startAlias(server.port);
});
afterAll(async () => {
  await Promise.all([server?.stop(), other?.stop(), alias?.close()]);
  cleanupServers();
});

async function forwardTo(host: TestServer, bin: BinJson, forwardUrl: string): Promise<void> {
  const res = await api<BinJson>(host.url, `/api/bins/${bin.key}`, {
    method: "PATCH",
    body: JSON.stringify({ forwardUrl }),
  });
  expect(res.status).toBe(200);
}

async function capture(host: TestServer, bin: BinJson, path: string): Promise<string> {
  const res = await fetch(`${host.url}/h/${bin.token}${path}`, { method: "POST", body: `{"path":"${path}"}` });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const attempts = async (host: TestServer, bin: BinJson, id: string) =>
  (await api<ResendList>(host.url, `/api/bins/${bin.key}/requests/${id}/resends`)).json.resends;

async function captureCount(host: TestServer, bin: BinJson): Promise<number> {
  return (await api<BinJson>(host.url, `/api/bins/${bin.key}`)).json.requestCount;
}

/**
 * Polls until every named condition holds, for 10 s at most. On a timeout the error says how many
 * captures each bin holds by then: a loop that is not stopped shows as a number that keeps growing.
 */
async function waitUntil(conditions: Record<string, () => Promise<boolean>>, bins: [TestServer, BinJson][]) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pending: string[] = [];
    for (const [name, holds] of Object.entries(conditions)) if (!(await holds())) pending.push(name);
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      const counts = await Promise.all(bins.map(([host, bin]) => captureCount(host, bin)));
      throw new Error(`still waiting for ${pending.join(", ")}; the bins hold ${counts.join(" and ")} captures`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The one capture of the bin other than `originalId` (the looped copy), once there is one. */
async function loopedCopy(host: TestServer, bin: BinJson, originalId?: string): Promise<RequestRecord | null> {
  const { requests } = await listRequests(host.url, bin.key, "?limit=100");
  const copy = requests.find((r) => r.id !== originalId);
  return copy ? getRecord(host.url, bin.key, copy.id) : null;
}

const isLoopAttempt = (items: ResendItem[]) =>
  items.length === 1 && items[0]?.auto === true && items[0].error?.code === "forward_loop";
const isDelivered = (items: ResendItem[]) => items.some((a) => a.auto && a.status === 200);

describe("forwarding loops the URL check cannot see", () => {
  it("a bin forwarding to its own capture URL through an alias forwards once, then records forward_loop", async () => {
    const bin = await createBin(server.url);
    await forwardTo(server, bin, `http://127.0.0.1:${alias.port}/h/${bin.token}/again`);
    const original = await capture(server, bin, "/first");
    await waitUntil(
      {
        "the original's forward to be answered": async () => isDelivered(await attempts(server, bin, original)),
        "a forward_loop attempt on the copy": async () => {
          const copy = await loopedCopy(server, bin, original);
          return copy !== null && isLoopAttempt(await attempts(server, bin, copy.id));
        },
      },
      [[server, bin]],
    );
    // Once the copy has refused to go on and the original's forward has ended, nothing else runs.
    expect(await captureCount(server, bin)).toBe(2);
    const looped = (await loopedCopy(server, bin, original)) as RequestRecord;
    expect(looped.path).toBe("/again");
    expect(looped.headers).toContainEqual(["X-Hookscope-Hop", "1"]);
    const [loop] = await attempts(server, bin, looped.id);
    expect(loop).toMatchObject({
      auto: true,
      status: null,
      url: `http://127.0.0.1:${alias.port}/h/${bin.token}/again`,
      error: { code: "forward_loop", message: expect.stringMatching(/Hookscope resend or forward/) },
    });
  });

  it("two bins forwarding to each other (A to B to A) stop after one forward", async () => {
    const [a, b] = await Promise.all([createBin(server.url), createBin(server.url)]);
    await forwardTo(server, a, `http://127.0.0.1:${alias.port}/h/${b.token}`);
    await forwardTo(server, b, `http://127.0.0.1:${alias.port}/h/${a.token}`);
    const original = await capture(server, a, "/ping");
    await waitUntil(
      {
        "A's forward to B to be answered": async () => isDelivered(await attempts(server, a, original)),
        "a forward_loop attempt on B's copy": async () => {
          const copy = await loopedCopy(server, b);
          return copy !== null && isLoopAttempt(await attempts(server, b, copy.id));
        },
      },
      [
        [server, a],
        [server, b],
      ],
    );
    expect(await captureCount(server, a)).toBe(1);
    expect(await captureCount(server, b)).toBe(1);
  });

  it("two Hookscope servers forwarding to each other stop after one forward", async () => {
    const [here, there] = await Promise.all([createBin(server.url), createBin(other.url)]);
    await forwardTo(server, here, there.captureUrl);
    await forwardTo(other, there, here.captureUrl);
    const original = await capture(server, here, "/across");
    await waitUntil(
      {
        "the forward to the other server to be answered": async () =>
          isDelivered(await attempts(server, here, original)),
        "a forward_loop attempt on the other server's copy": async () => {
          const copy = await loopedCopy(other, there);
          return copy !== null && isLoopAttempt(await attempts(other, there, copy.id));
        },
      },
      [
        [server, here],
        [other, there],
      ],
    );
    expect(await captureCount(server, here)).toBe(1);
    expect(await captureCount(other, there)).toBe(1);
  });
});

describe("the URL check, as a first line", () => {
  it.each([
    ["the unspecified address", "http://0.0.0.0:PORT/h/TOKEN"],
    ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]:PORT/h/TOKEN"],
    ["a trailing-dot host name", "http://localhost.:PORT/h/TOKEN"],
    ["the IPv6 unspecified address", "http://[::]:PORT/h/TOKEN"],
  ])("refuses the bin's own capture URL written with %s, without sending it", async (_name, pattern) => {
    const bin = await createBin(server.url);
    await forwardTo(server, bin, pattern.replace("PORT", String(server.port)).replace("TOKEN", bin.token));
    const original = await capture(server, bin, "/self");
    await waitUntil({ "the forward's attempt": async () => (await attempts(server, bin, original)).length > 0 }, [
      [server, bin],
    ]);
    const [attempt] = await attempts(server, bin, original);
    expect(attempt).toMatchObject({ auto: true, status: null, error: { code: "target_refused" } });
    // A refused url is not retried: the attempt above is the last thing this capture caused.
    expect(await captureCount(server, bin)).toBe(1);
  });
});
