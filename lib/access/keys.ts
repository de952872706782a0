// Access keys (ACCESS_KEYS) are compared in constant time: both sides are hashed to the same
// length first, and every configured key is compared whatever the outcome of the others, so the
// time taken says nothing about how close a guess was or which key it matched.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Whether `presented` is one of `keys`. */
export function isAccessKey(presented: string, keys: readonly string[]): boolean {
  const given = digest(presented);
  let found = false;
  for (const key of keys) found = timingSafeEqual(given, digest(key)) || found;
  return found;
}
