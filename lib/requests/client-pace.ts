// Writes an answer body only as fast as the client takes it, so a client that stops reading holds
// at most one chunk beyond what the socket buffers, and drops a client that takes nothing at all.
import type { ServerResponse } from "node:http";

/**
 * Writes `chunks` to `res` and ends it, waiting for the client whenever the socket is full. A
 * client that takes nothing for `idleMs` while the answer waits on it is disconnected. Resolves
 * once the answer has been handed to the OS or the connection is gone; stops reading `chunks`
 * (destroying a stream) as soon as the connection is gone.
 */
export async function sendAtClientPace(
  res: ServerResponse,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  idleMs: number,
): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk) && !(await clientTook(res, "drain", idleMs))) return;
  }
  if (res.destroyed) return;
  res.end();
  if (!res.writableFinished) await clientTook(res, "finish", idleMs);
}

/** Waits for `event`; true when it came, false when the connection closed or was dropped as idle. */
function clientTook(res: ServerResponse, event: "drain" | "finish", idleMs: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (taken: boolean) => {
      clearTimeout(timer);
      res.off(event, onEvent);
      res.off("close", onClose);
      resolve(taken);
    };
    const onEvent = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => res.destroy(), idleMs);
    res.once(event, onEvent);
    res.once("close", onClose);
  });
}
