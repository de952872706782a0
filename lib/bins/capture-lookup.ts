// The capture path's view of a bin, cached so that a burst of captures costs one query.
// Updates and deletes call forgetBin; the TTL bounds staleness for changes made elsewhere.
import { db } from "../db/client.ts";
import { type BinResponse, parseStoredResponse } from "./response.ts";

export interface CaptureBin {
  id: string;
  token: string;
  response: BinResponse;
  forwardUrl: string | null;
}

interface Entry {
  bin: CaptureBin | null;
  expires: number;
}

const HIT_TTL_MS = 30_000;
const MISS_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

const globalForCache = globalThis as unknown as { __hookscopeBinCache?: Map<string, Entry> };
globalForCache.__hookscopeBinCache ??= new Map();
const cache = globalForCache.__hookscopeBinCache;

export async function findCaptureBin(token: string): Promise<CaptureBin | null> {
  const now = Date.now();
  const hit = cache.get(token);
  if (hit && hit.expires > now) return hit.bin;
  const row = await db().bin.findUnique({
    where: { token },
    select: { id: true, token: true, response: true, forwardUrl: true },
  });
  const bin = row ? { ...row, response: parseStoredResponse(row.response) } : null;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(token, { bin, expires: now + (bin ? HIT_TTL_MS : MISS_TTL_MS) });
  return bin;
}

export function forgetBin(token: string): void {
  cache.delete(token);
}
