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
