// The stream's ordering rule when captures come from several instances: a live event that is not
// the next seq is not sent as is, since an earlier capture (stored through another instance, its
// wake-up still on the way) may be missing; the stream reads storage instead. And a stream belongs to
// the key it was opened with: a key change on the bus ends it once that key no longer opens the bin.
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openStream } from "../../tests/support/sse.ts";
import { InProcessEventBus } from "../events/bus.ts";
import { type SummaryRow, toSummary } from "../requests/serialize.ts";
import type { RequestSummary } from "../requests/types.ts";

const stored: SummaryRow[] = [];
const BIN = { id: "bin-1", token: "tok_aaaaaaaaaaaaaaaaaaaaaaaa", key: "key_aaaaaaaaaaaaaaaaaaaaaaaa" };
/** The bin's key as storage has it now, how many times a key was looked up, and what happens right after one. */
const current: { key: string; lookups: number; afterLookup?: () => void } = { key: BIN.key, lookups: 0 };

vi.mock("../storage/index.ts", () => ({
  storage: () => ({
    findBinByKey: async (key: string) => {
      current.lookups++;
      const found = key === current.key ? { ...BIN, key, name: null, requestCount: 0 } : null;
      current.afterLookup?.();
      return found;
    },
    listAfter: async (_binId: string, after: number, limit: number) =>
      stored.filter((r) => r.seq > after).slice(0, limit),
    listRequests: async () => stored.slice(-1),
  }),
}));

const { createStreamHandler } = await import("./stream-handler.ts");

const row = (seq: number): SummaryRow => ({
  id: `r${seq}`,
  seq,
  method: "POST",
  path: `/${seq}`,
  query: "",
  contentType: null,
  bodySize: 0,
  ip: "127.0.0.1",
  receivedAt: new Date(0),
  deliveryKey: null,
  attempt: 1,
  answer: null,
});
const summary = (seq: number): RequestSummary => toSummary(row(seq));

let server: Server | undefined;
afterEach(() => {
  server?.close();
  stored.length = 0;
  current.key = BIN.key;
  current.afterLookup = undefined;
});

async function listen(bus: InProcessEventBus): Promise<number> {
  const handle = createStreamHandler({ bus, heartbeatMs: 60_000, maxBufferBytes: 1 << 20, maxSubscribersPerBin: 5 });
  server = createServer((req, res) => void handle(req, res, { by: "key", key: BIN.key }, ""));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

describe("live stream with captures from several instances", () => {
  it("reads storage when a live event skips a seq, so an earlier capture from elsewhere is sent first", async () => {
    const bus = new InProcessEventBus();
    const port = await listen(bus);
    const stream = await openStream(`http://127.0.0.1:${port}/`);
    await stream.waitForComment(/connected/);
    const untilId = async (id: string) => {
      while (!stream.events.some((e) => e.id === id)) await stream.waitForEvents(stream.events.length + 1, 2000);
    };

    // seq 1 was stored through another instance; this instance's own capture, seq 2, is published first.
    stored.push(row(1), row(2));
    bus.publish(BIN.id, { type: "request", summary: summary(2) });
    await untilId("2");
    // The other instance's wake-up for seq 1 comes late, then a next capture.
    bus.publish(BIN.id, { type: "wake", upToSeq: 1 });
    stored.push(row(3));
    bus.publish(BIN.id, { type: "request", summary: summary(3) });
    await untilId("3");
    expect(stream.events.map((e) => e.id)).toEqual(["1", "2", "3"]);
    stream.close();
  });
});

describe("live stream and key rotation", () => {
  it("ends when the bin's key changes, and goes on after a key change notice while its key still opens the bin", async () => {
    const bus = new InProcessEventBus();
    const port = await listen(bus);
    const stream = await openStream(`http://127.0.0.1:${port}/`);
    await stream.waitForComment(/connected/);

    // A notice while the key is unchanged (another bin's rotation, a second notice): the stream stays.
    const before = current.lookups;
    bus.publish(BIN.id, { type: "rekeyed" });
    while (current.lookups === before) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    stored.push(row(1));
    bus.publish(BIN.id, { type: "request", summary: summary(1) });
    await stream.waitForEvents(1);

    current.key = "key_bbbbbbbbbbbbbbbbbbbbbbbb";
    bus.publish(BIN.id, { type: "rekeyed" });
    await stream.closed;
    expect(bus.subscriberCount(BIN.id)).toBe(0);
  });

  it("answers 404 when the key changed between the look-up and the subscription", async () => {
    const bus = new InProcessEventBus();
    const port = await listen(bus);
    // The first look-up (before subscribing) finds the bin; the key is rotated right after it.
    current.afterLookup = () => {
      current.key = "key_cccccccccccccccccccccccc";
      current.afterLookup = undefined;
    };
    const stream = await openStream(`http://127.0.0.1:${port}/`);
    expect(stream.status).toBe(404);
    expect(bus.subscriberCount(BIN.id)).toBe(0);
    stream.close();
  });
});
