// Deletes captures older than RETENTION_DAYS, bin by bin so each bin's count stays exact.
import { db } from "./db/client.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes requests received before now - retentionDays. Returns how many were deleted. */
export async function pruneExpired(retentionDays: number, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - retentionDays * DAY_MS);
  const groups = await db().capturedRequest.groupBy({
    by: ["binId"],
    where: { receivedAt: { lt: cutoff } },
  });
  let total = 0;
  for (const { binId } of groups) {
    total += await db().$transaction(async (tx) => {
      const { count } = await tx.capturedRequest.deleteMany({ where: { binId, receivedAt: { lt: cutoff } } });
      if (count > 0) await tx.bin.update({ where: { id: binId }, data: { requestCount: { decrement: count } } });
      return count;
    });
  }
  return total;
}

/** Runs pruneExpired now and then every intervalMs; the returned function stops it. */
export function startRetention(retentionDays: number, intervalMs: number): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const deleted = await pruneExpired(retentionDays);
      if (deleted > 0)
        console.log(`[hookscope] retention: deleted ${deleted} request(s) older than ${retentionDays} day(s)`);
    } catch (err) {
      console.error("[hookscope] retention prune failed:", err);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
