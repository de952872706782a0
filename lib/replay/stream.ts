// The replay's answer as NDJSON: one line per send as soon as it is made, then one line with the
// totals. A replay can run for minutes (pace × sends); lines let the command line and the
// inspector show each send as it happens, and keep proxies from cutting an idle request.
import { toApiError } from "../errors.ts";
import type { ReplaySend } from "./types.ts";

export const NDJSON = "application/x-ndjson";

export function wantsNdjson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes(NDJSON);
}

/**
 * The stream of lines: `first` (already made, so that refusals were answered as JSON errors) and
 * the rest of `sends`. A failure after the first line (the database went away) ends the stream
 * with an `{"error":{...}}` line instead of the totals. Cancelling (the client left) ends the replay.
 */
export function ndjsonStream(first: IteratorResult<ReplaySend>, sends: AsyncGenerator<ReplaySend>): Response {
  const encoder = new TextEncoder();
  // Counted, not kept: a long replay's answers would otherwise all stay in memory.
  const totals = { sent: 0, failed: 0 };
  const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
  const sendLine = (send: ReplaySend) => {
    if (send.resend.status === null) totals.failed++;
    else totals.sent++;
    return line(send);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) {
        controller.enqueue(line(totals));
        controller.close();
        return;
      }
      controller.enqueue(sendLine(first.value));
    },
    async pull(controller) {
      try {
        const next = await sends.next();
        if (next.done) {
          controller.enqueue(line(totals));
          controller.close();
          return;
        }
        controller.enqueue(sendLine(next.value));
      } catch (err) {
        controller.enqueue(line(toApiError(err).toJSON()));
        controller.close();
      }
    },
    async cancel() {
      await sends.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": `${NDJSON}; charset=utf-8`,
      "Cache-Control": "no-store",
      // nginx would otherwise hold lines back until its buffer fills.
      "X-Accel-Buffering": "no",
    },
  });
}
