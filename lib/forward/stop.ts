// A bin stops forwarding (its forwardUrl was cleared, or it is being deleted): what it has in the
// outbox is dropped at once, on every instance; an attempt in progress finishes but is not retried.
import { log } from "../log.ts";
import { storage } from "../storage/index.ts";

export async function stopForwarding(binId: string, why: string): Promise<void> {
  const { waiting, claimed } = await storage().dropForwards(binId);
  if (waiting + claimed === 0) return;
  const inProgress = claimed > 0 ? "; an attempt in progress finishes, without retries" : "";
  log.info(`bin ${binId} stopped forwarding (${why}): ${waiting + claimed} waiting capture(s) dropped${inProgress}`);
}
