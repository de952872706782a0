// Token-bucket rate limits (captures per client IP and per bin, bin creation per client IP). A
// bucket holds up to `burst` tokens (by default one second's worth) and refills continuously at
// `perSecond`, so short bursts pass and a sustained excess is refused.

interface Bucket {
  tokens: number;
  at: number;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  #lastSweep = 0;

  /** perSecond 0 means no limit. */
  constructor(
    readonly perSecond: number,
    readonly burst = perSecond,
  ) {}

  take(key: string, now = Date.now()): RateVerdict {
    if (this.perSecond <= 0) return { ok: true };
    this.#sweep(now);
    const bucket = this.#buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond)) };
  }

  /** What take() would answer now, without taking anything. */
  peek(key: string, now = Date.now()): RateVerdict {
    if (this.perSecond <= 0) return { ok: true };
    const bucket = this.#buckets.get(key);
    if (!bucket) return { ok: true };
    const tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    if (tokens >= 1) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perSecond)) };
  }

  /** Number of keys tracked (full buckets are forgotten). */
  get size(): number {
    return this.#buckets.size;
  }

  /** Forgets buckets that have refilled completely, at most once a second. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < 1000) return;
    this.#lastSweep = now;
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.burst) this.#buckets.delete(key);
    }
  }
}
