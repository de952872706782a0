import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("lets a burst of perSecond through, then refuses with a Retry-After", () => {
    const limiter = new RateLimiter(5);
    const t = 1_000_000;
    for (let i = 0; i < 5; i++) expect(limiter.take("ip", t)).toEqual({ ok: true });
    expect(limiter.take("ip", t)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("refills over time and keeps keys apart", () => {
    const limiter = new RateLimiter(2);
    const t = 1_000_000;
    limiter.take("a", t);
    limiter.take("a", t);
    expect(limiter.take("a", t).ok).toBe(false);
    expect(limiter.take("b", t).ok).toBe(true);
    expect(limiter.take("a", t + 500).ok).toBe(true);
    expect(limiter.take("a", t + 500).ok).toBe(false);
  });

  it("does nothing when the limit is 0", () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take("x").ok).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it("forgets idle keys so memory does not grow with the number of senders", () => {
    const limiter = new RateLimiter(10);
    const t = 1_000_000;
    for (let i = 0; i < 1000; i++) limiter.take(`ip-${i}`, t);
    expect(limiter.size).toBe(1000);
    limiter.take("late", t + 5000);
    expect(limiter.size).toBe(1);
  });
});

describe("RateLimiter with a burst larger than a second's rate", () => {
  it("lets the burst through at once, then one more per 1/perSecond seconds", () => {
    const limiter = new RateLimiter(1 / 60, 3);
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) expect(limiter.take("ip", t)).toEqual({ ok: true });
    expect(limiter.take("ip", t)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(limiter.take("ip", t + 59_000).ok).toBe(false);
    expect(limiter.take("ip", t + 120_000).ok).toBe(true);
  });
});
