import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { CaptureRow, WriteResult } from "./writer-protocol.ts";
import { decodeResult, decodeRows, encodeResults, encodeRows } from "./writer-wire.ts";

function row(i: number, overrides: Partial<CaptureRow> = {}): CaptureRow {
  const body = new TextEncoder().encode(`{"n":${i},"text":"héllo"}`);
  return {
    id: `0192f000-0000-7000-8000-00000000000${i}`,
    binId: "bin-1",
    token: "tok_abcdefghijklmnopqrstu",
    method: i % 2 ? "PUT" : "POST",
    url: `/h/tok/p/${i}?q=${i}`,
    path: `/p/${i}`,
    query: `q=${i}`,
    httpVersion: "1.1",
    rawHeaders: ["Host", "example.test", "X-Dup", "a", "x-dup", "b"],
    contentType: "application/json",
    body,
    bodySize: body.byteLength,
    ip: "203.0.113.9",
    receivedAt: 1_700_000_000_000 + i,
    answer: `{"status":200,"n":${i}}`,
    ...overrides,
  };
}

/** Through a real MessagePort, as between the capture path and the writer thread. */
function overPort<T>(value: T): T {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value);
  const received = receiveMessageOnPort(port2)?.message as T;
  port1.close();
  return received;
}

describe("the writer thread's wire format", () => {
  it("carries every field of every row, in order, through a message port", () => {
    const rows = [
      row(1),
      row(2, { contentType: null, answer: null, deliveryKey: null }),
      row(3, { deliveryKey: "github:72d3162e", body: new Uint8Array([0xff, 0x00, 0x80]), bodySize: 3 }),
      row(4, { body: new Uint8Array(0), bodySize: 0, rawHeaders: [] }),
    ];
    const decoded = decodeRows(overPort(encodeRows(rows)));
    expect(decoded).toHaveLength(4);
    for (const [i, original] of rows.entries()) {
      const got = decoded[i] as CaptureRow;
      expect({ ...got, body: [...got.body] }).toEqual({ ...original, body: [...original.body] });
    }
  });

  it("keeps a key left for the writer to compute apart from a row without a key", () => {
    const [left, none] = decodeRows(overPort(encodeRows([row(1), row(2, { deliveryKey: null })])));
    expect(left && "deliveryKey" in left).toBe(false);
    expect(none?.deliveryKey).toBeNull();
  });

  it("refuses a batch cut short", () => {
    expect(() => decodeRows(encodeRows([row(1)]).slice(0, -1))).toThrow(RangeError);
  });

  it("carries stored and refused results, and a forwarding outcome", () => {
    const results: WriteResult[] = [
      { ok: true, seq: 41, attempt: 1, deliveryKey: null },
      {
        ok: true,
        seq: 42,
        attempt: 3,
        deliveryKey: "sha256:00ff",
        forward: {
          url: "https://example.test/hook",
          admission: "evict",
          evicted: { requestId: "r1", binId: "b2", method: "POST", url: "https://other.test" },
        },
      },
      { ok: false, code: "bin_not_found", message: "The bin was deleted or its capture URL changed." },
      { ok: false, code: "storage_unavailable", message: "The database is unavailable." },
    ];
    const wire = overPort(encodeResults(results));
    expect(results.map((_, i) => decodeResult(wire, i))).toEqual(results);
    expect(decodeResult(wire, results.length)).toBeUndefined();
  });
});
