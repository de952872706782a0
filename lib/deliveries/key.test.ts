import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WEBHOOK_SENDERS } from "../../tests/support/webhook-senders.ts";
import { deliveryKey, MAX_KEY_JSON_BYTES, MAX_KEY_VALUE_CHARS } from "./key.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const raw = (pairs: [string, string][]) => pairs.flat();
const sha256 = (text: string | Uint8Array) => createHash("sha256").update(text).digest("hex");

describe("deliveryKey from real senders", () => {
  for (const sender of WEBHOOK_SENDERS) {
    it(`${sender.name}: the same key for the first delivery and its retries`, async () => {
      const id = sender.newEventId();
      const keys = [];
      for (const attempt of [1, 2, 3]) {
        const { headers, body } = await sender.deliver(id, attempt);
        keys.push(deliveryKey(raw(headers), bytes(body)));
      }
      expect(keys).toEqual([sender.expectedKey(id), sender.expectedKey(id), sender.expectedKey(id)]);
    });

    it(`${sender.name}: another event gets another key`, async () => {
      const a = await sender.deliver(sender.newEventId(), 1);
      const b = await sender.deliver(sender.newEventId(), 1);
      expect(deliveryKey(raw(a.headers), bytes(a.body))).not.toBe(deliveryKey(raw(b.headers), bytes(b.body)));
    });
  }
});

describe("deliveryKey rules", () => {
  it("matches header names case-insensitively and takes the first occurrence", () => {
    expect(deliveryKey(["X-GITHUB-DELIVERY", "first", "x-github-delivery", "second"], bytes("{}"))).toBe(
      "github:first",
    );
  });

  it("prefers a sender-specific id to Idempotency-Key", () => {
    expect(deliveryKey(["Idempotency-Key", "generic", "svix-id", "msg_1"], bytes("x"))).toBe("svix-id:msg_1");
  });

  it("trims values and skips empty ones", () => {
    expect(deliveryKey(["webhook-id", "  msg_2  "], new Uint8Array())).toBe("webhook-id:msg_2");
    expect(deliveryKey(["webhook-id", "   ", "svix-id", "msg_3"], new Uint8Array())).toBe("svix-id:msg_3");
  });

  it("keeps a long value as its hash, so a key stays bounded", () => {
    const long = "a".repeat(MAX_KEY_VALUE_CHARS + 1);
    const key = deliveryKey(["Idempotency-Key", long], new Uint8Array());
    expect(key).toBe(`idempotency-key:sha256:${sha256(long)}`);
    expect(deliveryKey(["Idempotency-Key", "a".repeat(MAX_KEY_VALUE_CHARS)], new Uint8Array())).toBe(
      `idempotency-key:${"a".repeat(MAX_KEY_VALUE_CHARS)}`,
    );
  });

  it("reads Stripe's event id only with Stripe's signature header", () => {
    const body = bytes(JSON.stringify({ id: "evt_1", object: "event" }));
    expect(deliveryKey(["Stripe-Signature", "t=1,v1=abc"], body)).toBe("stripe:evt_1");
    expect(deliveryKey([], body)).toBe(`sha256:${sha256(body)}`);
  });

  it("falls back to the body's hash when Stripe's body has no string id", () => {
    for (const text of ['{"id":42}', "[1,2]", "not json", '"evt_1"']) {
      expect(deliveryKey(["Stripe-Signature", "t=1,v1=abc"], bytes(text))).toBe(`sha256:${sha256(text)}`);
    }
  });

  it("reads Slack's event_id only from an event_callback", () => {
    const challenge = JSON.stringify({ type: "url_verification", challenge: "abc", event_id: "Ev1" });
    expect(deliveryKey(["X-Slack-Signature", "v0=00"], bytes(challenge))).toBe(`sha256:${sha256(challenge)}`);
  });

  it("does not parse a body larger than MAX_KEY_JSON_BYTES", () => {
    const text = JSON.stringify({ id: "evt_big", pad: "x".repeat(MAX_KEY_JSON_BYTES) });
    expect(deliveryKey(["Stripe-Signature", "t=1"], bytes(text))).toBe(`sha256:${sha256(text)}`);
  });

  it("hashes the body bytes as sent, invalid UTF-8 included", () => {
    const body = Uint8Array.from([0xff, 0x00, 0xfe]);
    expect(deliveryKey([], body)).toBe(`sha256:${sha256(body)}`);
  });

  it("is null for a request with no sender id and no body", () => {
    expect(deliveryKey(["Content-Type", "application/json"], new Uint8Array())).toBeNull();
  });
});
