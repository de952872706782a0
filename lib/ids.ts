import { randomBytes, randomFillSync } from "node:crypto";
import { V7Generator } from "uuidv7";

/** A bin token: 144 random bits from the CSPRNG, 24 url-safe characters. The token is the secret. */
export function newToken(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * CSPRNG words drawn 1,024 at a time: one call into the random source per thousand ids instead
 * of one per id, which showed up on the capture path's profile.
 */
class PooledRandom {
  #pool = new Uint32Array(1024);
  #cursor = this.#pool.length;

  nextUint32(): number {
    if (this.#cursor >= this.#pool.length) {
      randomFillSync(this.#pool);
      this.#cursor = 0;
    }
    return this.#pool[this.#cursor++] as number;
  }
}

const generator = new V7Generator(new PooledRandom());

/**
 * Time-ordered ids (UUIDv7 layout): new rows land at the end of the primary-key index. Ids made
 * with the current time increase strictly within the process; `atMs` (now by default) more than
 * 10 s before the last id's time starts a new sequence instead.
 */
export function newId(atMs: number = Date.now()): string {
  return generator.generateOrResetWithTs(atMs).toString();
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
