// The stream's ordering rule when captures come from several instances: a live event that is not
// the next seq is not sent as is, since an earlier capture (stored through another instance, its
// wake-up still on the way) may be missing; the stream reads storage instead.
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openStream } from "../../tests/support/sse.ts";
import { InProcessEventBus } from "../events/bus.ts";
import type { SummaryRow } from "../requests/serialize.ts";
import type { RequestSummary } from "../requests/types.ts";

const stored: SummaryRow[] = [];
const BIN = { id: "bin-1", token: "tok_aaaaaaaaaaaaaaaaaaaaaaaa" };

vi.mock("../storage/index.ts", () => ({
  storage: () => ({
    findBin: async (token: string) => (token === BIN.token ? { ...BIN, name: null, requestCount: 0 } : null),
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
});
const summary = (seq: number): RequestSummary => ({ ...row(seq), receivedAt: new Date(0).toISOString() });

let server: Server | undefined;
afterEach(() => {
  server?.close();
  stored.length = 0;
});

describe("live stream with captures from several instances", () => {
  it("reads storage when a live event skips a seq, so an earlier capture from elsewhere is sent first", async () => {
    const bus = new InProcessEventBus();
    const handle = createStreamHandler({ bus, heartbeatMs: 60_000, maxBufferBytes: 1 << 20, maxSubscribersPerBin: 5 });
    server = createServer((req, res) => void handle(req, res, BIN.token, ""));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
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
