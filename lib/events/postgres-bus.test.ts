// The PostgreSQL bus on the test cluster: another instance's capture notices reach every local
// subscriber of the bin as request events in seq order, read from storage once per notice for all
// of them, not once per subscriber.
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../tests/support/postgres.ts";
import type { RequestSummary } from "../requests/types.ts";
import type { BusEvent } from "./bus.ts";
import { captureNotices, LIVE_CHANNEL, PostgresEventBus } from "./postgres-bus.ts";

const summary = (seq: number): RequestSummary => ({
  id: `r${seq}`,
  seq,
  method: "POST",
  path: `/${seq}`,
  query: "",
  contentType: null,
  bodySize: 0,
  ip: "203.0.113.9",
  receivedAt: new Date(0).toISOString(),
  deliveryKey: null,
  attempt: 1,
  answer: null,
});

const opened: { end(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.end();
});

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("PostgresEventBus", () => {
  it("reads another instance's captures once for all of a bin's subscribers, and gives them in order", async () => {
    const url = await createDatabase(inject("postgresUrl"));
    // What the other instance stored so far, and the reads this bus made.
    let stored = 0;
    const reads: [string, number][] = [];
    const bus = new PostgresEventBus({
      connection: { connectionString: url },
      origin: "this-instance",
      reconnectMs: 1000,
      readAfter: async (binId, afterSeq, limit) => {
        reads.push([binId, afterSeq]);
        return Array.from({ length: Math.min(stored - afterSeq, limit) }, (_, i) => summary(afterSeq + 1 + i));
      },
    });
    await bus.start();
    opened.push({ end: () => bus.close() });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    opened.push({ end: () => other.end() });
    const notify = (seq: number) =>
      other.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, captureNotices("other", new Map([["bin", seq]]))[0]]);

    const received: BusEvent[][] = Array.from({ length: 50 }, () => []);
    for (const events of received) bus.subscribe("bin", (event) => events.push(event));

    // The first notice wakes each subscriber to read on its own: the bus does not know yet what they have.
    stored = 3;
    await notify(3);
    await until(() => received.every((events) => events.length === 1));
    expect(received[0]).toEqual([{ type: "wake", upToSeq: 3 }]);
    expect(reads).toEqual([]);

    for (let seq = 4; seq <= 8; seq++) {
      stored = seq;
      await notify(seq);
    }
    await until(() => received.every((events) => events.length === 6));
    for (const events of received) {
      expect(events.slice(1)).toEqual([4, 5, 6, 7, 8].map((seq) => ({ type: "request", summary: summary(seq) })));
    }
    // One read per notice at most (notices that arrive during a read share the next one), never per subscriber.
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(5);
    expect(reads.every(([binId]) => binId === "bin")).toBe(true);
  });
});
