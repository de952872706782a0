// What the database keeps: captures for RETENTION_DAYS, bins for BIN_IDLE_DAYS after their last
// capture (or their creation, when they never had one). Deleted bin by bin and in batches, so each
// bin's count stays exact and no prune holds the database for long.
import { forgetBin } from "./bins/capture-lookup.ts";
import { log } from "./log.ts";
import { storage } from "./storage/index.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const BIN_BATCH = 500;

/** Deletes requests received before now - retentionDays. Returns how many were deleted. */
export async function pruneExpired(retentionDays: number, now = Date.now()): Promise<number> {
  return storage().pruneExpired(new Date(now - retentionDays * DAY_MS));
}

/**
 * Deletes bins that have had no capture for idleDays (counted from their creation when they never
 * had one), with whatever they still hold. idleDays 0 keeps bins for ever. Returns how many.
 */
export async function pruneIdleBins(idleDays: number, now = Date.now()): Promise<number> {
  if (idleDays <= 0) return 0;
  const cutoff = new Date(now - idleDays * DAY_MS);
  let total = 0;
  for (;;) {
    const { deleted, tokens } = await storage().pruneIdleBins(cutoff, BIN_BATCH);
    for (const token of tokens) forgetBin(token);
    total += deleted;
    if (tokens.length < BIN_BATCH) return total;
  }
}

export interface RetentionOptions {
  retentionDays: number;
  binIdleDays: number;
  intervalMs: number;
}

/** Prunes now and then every intervalMs; the returned function stops it. */
export function startRetention(options: RetentionOptions): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const deleted = await pruneExpired(options.retentionDays);
      if (deleted > 0) {
        log.info(`retention: deleted ${deleted} request(s) older than ${options.retentionDays} day(s)`);
      }
      const bins = await pruneIdleBins(options.binIdleDays);
      if (bins > 0) {
        log.info(`retention: deleted ${bins} bin(s) idle for ${options.binIdleDays} day(s)`);
      }
    } catch (err) {
      log.error("retention prune failed", err);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
