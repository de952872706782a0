// The capture path's view of a bin, cached so that a burst of captures costs one query.
// Updates, rotations and deletes call forgetBin; the TTL bounds staleness for changes made
// elsewhere. A token rotated or a bin deleted on another instance takes effect at once all the
// same: the capture writer refuses a row whose bin no longer has that token, and the capture
// handler then forgets it here.

import type { Rule } from "../rules/schema.ts";
import { parseStoredRules } from "../rules/stored.ts";
import { storage } from "../storage/index.ts";
import { type BinResponse, parseStoredResponse } from "./response.ts";

export interface CaptureBin {
  id: string;
  token: string;
  response: BinResponse;
  /** Parsed once per lookup, not per capture; empty for most bins, which then pay nothing for rules. */
  rules: Rule[];
  forwardUrl: string | null;
}

interface Entry {
  bin: CaptureBin | null;
  expires: number;
}

const HIT_TTL_MS = 30_000;
const MISS_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

const globalForCache = globalThis as unknown as {
  __hookscopeBinCache?: Map<string, Entry>;
  __hookscopeBinGenerations?: Map<string, number>;
};
globalForCache.__hookscopeBinCache ??= new Map();
globalForCache.__hookscopeBinGenerations ??= new Map();
const cache = globalForCache.__hookscopeBinCache;
/** Bumped by forgetBin: a lookup that started before a change must not cache what it read. */
const generations = globalForCache.__hookscopeBinGenerations;

/**
 * The capture path's fast path: the bin for a token as cached (null for a token known not to
 * exist), or undefined when it is not cached and must be looked up with lookUpCaptureBin.
 */
export function cachedCaptureBin(token: string, now = Date.now()): CaptureBin | null | undefined {
  const hit = cache.get(token);
  return hit && hit.expires > now ? hit.bin : undefined;
}

/** The bin for a capture token, read from the database and cached. */
export async function lookUpCaptureBin(token: string): Promise<CaptureBin | null> {
  const now = Date.now();
  const generation = generations.get(token) ?? 0;
  const row = await storage().findBinByToken(token);
  const bin = row
    ? {
        id: row.id,
        token: row.token,
        response: parseStoredResponse(row.response),
        rules: parseStoredRules(row.rules),
        forwardUrl: row.forwardUrl,
      }
    : null;
  if ((generations.get(token) ?? 0) !== generation) return bin;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(token, { bin, expires: now + (bin ? HIT_TTL_MS : MISS_TTL_MS) });
  return bin;
}

export function forgetBin(token: string): void {
  cache.delete(token);
  if (generations.size >= MAX_ENTRIES) generations.clear();
  generations.set(token, (generations.get(token) ?? 0) + 1);
}
