import { afterEach, describe, expect, it, vi } from "vitest";
import type { RequestSummary } from "../requests/types.ts";
import { type BusEvent, InProcessEventBus, type LiveEvent } from "./bus.ts";

const summary = (seq: number): RequestSummary => ({
  id: `id-${seq}`,
  seq,
  method: "POST",
  path: "/",
  query: "",
  contentType: null,
  bodySize: 0,
  ip: "127.0.0.1",
  receivedAt: new Date(0).toISOString(),
  deliveryKey: null,
  attempt: 1,
  answer: null,
});
const request = (seq: number): LiveEvent => ({ type: "request", summary: summary(seq) });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("InProcessEventBus", () => {
  it("delivers a bin's events to each of its subscribers in publish order", () => {
    const bus = new InProcessEventBus();
    const a: BusEvent[] = [];
    const b: BusEvent[] = [];
    bus.subscribe("t1", (e) => a.push(e));
    bus.subscribe("t1", (e) => b.push(e));
    const events: LiveEvent[] = [request(1), { type: "deleted", id: "id-1" }, request(2), { type: "cleared" }];
    for (const e of events) bus.publish("t1", e);
    expect(a).toEqual(events);
    expect(b).toEqual(events);
  });

  it("does not deliver one bin's events to another bin's subscribers", () => {
    const bus = new InProcessEventBus();
    const other: BusEvent[] = [];
    bus.subscribe("t2", (e) => other.push(e));
    bus.publish("t1", request(1));
    expect(other).toEqual([]);
  });

  it("publishing to a bin without subscribers is a no-op", () => {
    const bus = new InProcessEventBus();
    expect(() => bus.publish("nobody", request(1))).not.toThrow();
    expect(bus.binCount).toBe(0);
  });

  it("stops delivery after unsubscribe and forgets the bin when its last listener leaves", () => {
    const bus = new InProcessEventBus();
    const a: BusEvent[] = [];
    const b: BusEvent[] = [];
    const offA = bus.subscribe("t1", (e) => a.push(e));
    const offB = bus.subscribe("t1", (e) => b.push(e));
    expect(bus.subscriberCount("t1")).toBe(2);

    offA();
    bus.publish("t1", request(1));
    expect(a).toEqual([]);
    expect(b).toEqual([request(1)]);
    expect(bus.subscriberCount("t1")).toBe(1);
    expect(bus.binCount).toBe(1);

    offB();
    expect(bus.subscriberCount("t1")).toBe(0);
    expect(bus.binCount).toBe(0);
  });

  it("ignores a second call to the same unsubscribe", () => {
    const bus = new InProcessEventBus();
    const off = bus.subscribe("t1", () => {});
    bus.subscribe("t1", () => {});
    off();
    off();
    expect(bus.subscriberCount("t1")).toBe(1);
  });

  it("leaks nothing after 10,000 subscribe/unsubscribe cycles", () => {
    const bus = new InProcessEventBus();
    for (let i = 0; i < 10_000; i++) {
      const token = `t${i % 7}`;
      const off = bus.subscribe(token, () => {});
      bus.publish(token, request(i));
      off();
    }
    expect(bus.binCount).toBe(0);
    for (let i = 0; i < 7; i++) expect(bus.subscriberCount(`t${i}`)).toBe(0);
  });

  it("keeps delivering to the other listeners when one throws", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const bus = new InProcessEventBus();
    const before: BusEvent[] = [];
    const after: BusEvent[] = [];
    bus.subscribe("t1", (e) => before.push(e));
    bus.subscribe("t1", () => {
      throw new Error("listener broke");
    });
    bus.subscribe("t1", (e) => after.push(e));

    bus.publish("t1", request(1));
    bus.publish("t1", request(2));

    expect(before).toEqual([request(1), request(2)]);
    expect(after).toEqual([request(1), request(2)]);
    expect(errors).toHaveBeenCalledTimes(2);
  });
});
