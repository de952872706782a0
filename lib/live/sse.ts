// Server-Sent Events framing for the live stream.
import type { LiveEvent } from "../events/bus.ts";

/**
 * A capture's event as sent, by its summary: every subscriber of a bin is sent the same summary
 * object, which is serialized once for all of them.
 */
const formattedRequests = new WeakMap<object, string>();

/** One SSE message. Live request events carry their seq as the event id so a client can resume. */
export function formatEvent(event: LiveEvent): string {
  switch (event.type) {
    case "request": {
      let text = formattedRequests.get(event.summary);
      if (text === undefined) {
        text = `id: ${event.summary.seq}\nevent: request\ndata: ${JSON.stringify(event.summary)}\n\n`;
        formattedRequests.set(event.summary, text);
      }
      return text;
    }
    case "deleted":
      return `event: deleted\ndata: ${JSON.stringify({ id: event.id })}\n\n`;
    case "cleared":
      return "event: cleared\ndata: {}\n\n";
  }
}

export const heartbeat = (): string => `: ping ${Date.now()}\n\n`;

/**
 * The seq after which a stream resumes: Last-Event-ID wins over ?since. Returns null when neither
 * is given, "invalid" when the value is not a whole number.
 */
export function resumePoint(lastEventId: string | undefined, since: string | null): number | null | "invalid" {
  const raw = lastEventId !== undefined && lastEventId.trim() !== "" ? lastEventId.trim() : since;
  if (raw === null || raw === "") return null;
  if (!/^\d{1,15}$/.test(raw)) return "invalid";
  return Number(raw);
}
