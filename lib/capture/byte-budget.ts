// A cap on the body bytes held in memory by requests in progress (captures; body downloads have a
// budget of their own), so a burst of large bodies cannot multiply memory by the number of connections.

export class ByteBudget {
  #used = 0;

  constructor(readonly limit: number) {}

  /** Reserves n bytes; false (and nothing reserved) when that would pass the limit. */
  tryReserve(n: number): boolean {
    if (n === 0) return true;
    if (this.#used + n > this.limit) return false;
    this.#used += n;
    return true;
  }

  release(n: number): void {
    this.#used = Math.max(0, this.#used - n);
  }

  get used(): number {
    return this.#used;
  }
}

/**
 * A ByteBudget in which no one key (a client address) may hold more than `perKeyLimit`, so that a
 * few slow clients of one sender cannot take the whole budget from everyone else. A key holding
 * nothing may always reserve (within the total), so a body larger than the share still goes out.
 */
export class SharedByteBudget {
  readonly #total: ByteBudget;
  readonly #byKey = new Map<string, number>();

  constructor(
    limit: number,
    readonly perKeyLimit: number,
  ) {
    this.#total = new ByteBudget(limit);
  }

  tryReserve(key: string, n: number): boolean {
    const held = this.#byKey.get(key) ?? 0;
    if (held > 0 && held + n > this.perKeyLimit) return false;
    if (!this.#total.tryReserve(n)) return false;
    this.#byKey.set(key, held + n);
    return true;
  }

  release(key: string, n: number): void {
    this.#total.release(n);
    const left = (this.#byKey.get(key) ?? 0) - n;
    if (left > 0) this.#byKey.set(key, left);
    else this.#byKey.delete(key);
  }

  get used(): number {
    return this.#total.used;
  }
}
