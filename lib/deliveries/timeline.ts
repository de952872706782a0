// The timeline of an event's deliveries: every stored capture of the bin with the request's
// delivery key, oldest first, with the time since the previous one, so that a sender's backoff
// shows, and the answer each attempt got.
import { type BinOpener, openBinOrThrow } from "../bins/opener.ts";
import { getEnv } from "../env.ts";
import { parseAnswer } from "../requests/serialize.ts";
import { storage } from "../storage/index.ts";
import type { StoredDelivery } from "../storage/types.ts";
import type { Delivery, DeliveryTimeline } from "./types.ts";

/** Throws bin_not_found or share_not_found (by the opener), or request_not_found. */
export async function getDeliveryTimeline(opener: BinOpener, requestId: string): Promise<DeliveryTimeline> {
  const bin = await openBinOrThrow(opener);
  const stored = await storage().listDeliveries(bin.id, requestId, getEnv().TIMELINE_MAX_DELIVERIES);
  return { deliveryKey: stored.deliveryKey, deliveries: toTimeline(stored.deliveries), total: stored.total };
}

function toTimeline(rows: StoredDelivery[]): Delivery[] {
  return rows.map((row, i) => {
    const previous = rows[i - 1];
    return {
      id: row.id,
      seq: row.seq,
      attempt: row.attempt,
      receivedAt: row.receivedAt.toISOString(),
      // Clock steps between captures cannot make a gap negative.
      gapMs: previous ? Math.max(0, row.receivedAt.getTime() - previous.receivedAt.getTime()) : null,
      answer: parseAnswer(row.answer),
    };
  });
}
