// GET /api/bins/{key}/requests/wait — answers with the first capture after a seq that passes the
// given filters, as soon as it is stored, or wait_timeout. A wait can last minutes, so it is
// served on node:http next to the live stream rather than holding one of Next's requests; like
// the stream it subscribes to the bus and re-reads storage on every wake-up, so a capture stored
// through another instance (on PostgreSQL) answers it too. Share links are read-only viewers and
// have no wait endpoint.
import type { IncomingMessage, ServerResponse } from "node:http";
import { findBinOpenedBy, openBinOrThrow, openerNotFound } from "../bins/opener.ts";
import { sendError } from "../capture/answer.ts";
import { ApiError, toApiError } from "../errors.ts";
import type { BusEvent, EventBus } from "../events/bus.ts";
import type { RequestRecord } from "../requests/types.ts";
import { storage } from "../storage/index.ts";
import { findMatch } from "./find-match.ts";
import { parseWaitQuery, type WaitQuery } from "./wait-query.ts";

export interface WaitOptions {
  bus: EventBus;
  /** The longest timeout a caller may ask for (WAIT_MAX_SECONDS). */
  maxSeconds: number;
  /** More waits at once on one bin get 429 (WAIT_MAX_PER_BIN). */
  maxPerBin: number;
}

const WAIT_PATH = /^\/api\/bins\/([^/?#]+)\/requests\/wait\/?(?:\?(.*))?$/;

/** The bin's key and the query when the target is the wait endpoint, else null. */
export function matchWait(url: string): { key: string; search: string } | null {
  const match = WAIT_PATH.exec(url);
  if (!match) return null;
  return { key: match[1] as string, search: match[2] ?? "" };
}

export function createWaitHandler(options: WaitOptions) {
  /** Waits in progress, by bin id. */
  const waiting = new Map<string, number>();
  const enter = (binId: string) => waiting.set(binId, (waiting.get(binId) ?? 0) + 1);
  const leave = (binId: string) => {
    const left = (waiting.get(binId) ?? 1) - 1;
    if (left > 0) waiting.set(binId, left);
    else waiting.delete(binId);
  };

  return async function handleWait(req: IncomingMessage, res: ServerResponse, key: string, search: string) {
    let binId: string | null = null;
    try {
      if (req.method !== "GET") {
        throw new ApiError("method_not_allowed", "The wait endpoint only answers GET.", { Allow: "GET" });
      }
      const query = parseWaitQuery(new URLSearchParams(search), options.maxSeconds);
      const bin = await openBinOrThrow({ by: "key", key });
      if ((waiting.get(bin.id) ?? 0) >= options.maxPerBin) {
        throw new ApiError("rate_limited", "Too many waits on this bin at once (WAIT_MAX_PER_BIN); retry shortly.", {
          "Retry-After": "1",
        });
      }
      binId = bin.id;
      enter(binId);
      const found = await waitForMatch(res, key, binId, query, options.bus);
      if (found === "gone") return;
      if (found === null) {
        throw new ApiError(
          "wait_timeout",
          `No matching capture arrived within ${query.timeoutMs / 1000} s. Call again with after set to the seq you last saw to keep waiting.`,
        );
      }
      sendRecord(res, found);
    } catch (err) {
      if (!res.destroyed) sendError(req, res, toApiError(err));
    } finally {
      if (binId !== null) leave(binId);
    }
  };
}

/**
 * The first match, null when the timeout passed first, or "gone" when the client left. Throws
 * bin_not_found when the bin's key is rotated during the wait: a wait belongs to the key it was
 * opened with, like a stream.
 */
function waitForMatch(
  res: ServerResponse,
  key: string,
  binId: string,
  query: WaitQuery,
  bus: EventBus,
): Promise<RequestRecord | null | "gone"> {
  return new Promise((resolve, reject) => {
    let done = false;
    let scannedTo = query.after ?? 0;
    // Only one scan at a time; a wake-up during one asks for another after it.
    let scanning = false;
    let scanAgain = false;
    // Set once the first scan is under way: wake-ups before that are covered by it.
    let started = false;
    let timer: NodeJS.Timeout | undefined;

    const finish = (outcome: RequestRecord | null | "gone" | Error) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timer);
      res.off("close", onGone);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const fail = (err: unknown) => finish(err instanceof Error ? err : new Error(String(err)));
    const scan = async () => {
      if (scanning || !started) {
        scanAgain = true;
        return;
      }
      scanning = true;
      try {
        do {
          scanAgain = false;
          const result = await findMatch(binId, scannedTo, query);
          scannedTo = result.scannedTo;
          if (result.match) return finish(result.match);
        } while (scanAgain && !done);
      } finally {
        scanning = false;
      }
    };
    const checkKey = async () => {
      if ((await findBinOpenedBy({ by: "key", key }))?.id !== binId) fail(openerNotFound({ by: "key", key }));
    };
    const onEvent = (event: BusEvent) => {
      if (done) return;
      if (event.type === "rekeyed") void checkKey().catch(fail);
      else if (event.type === "request" && event.summary.seq > scannedTo) void scan().catch(fail);
      else if (event.type === "wake" && (event.upToSeq === null || event.upToSeq > scannedTo)) {
        void scan().catch(fail);
        // A wake-up without a seq follows a lost bus connection, which may have lost a key change.
        if (event.upToSeq === null) void checkKey().catch(fail);
      }
    };
    // The response closes when it is sent, or earlier when the client disconnects.
    const onGone = () => finish("gone");

    // Subscribed before the newest seq is read: a capture committed after that read wakes the wait.
    const unsubscribe = bus.subscribe(binId, onEvent);
    res.on("close", onGone);

    const begin = async () => {
      if (query.after === null) {
        const [newest] = await storage().listRequests(binId, { methods: null, beforeSeq: null, take: 1 });
        scannedTo = newest?.seq ?? 0;
      }
      // Checked once subscribed: a rotation before this is seen here, one after arrives as an event.
      await checkKey();
      started = true;
      await scan();
      // Counted from the first read, so that timeout=0 still looks at what is stored.
      if (!done) timer = setTimeout(() => finish(null), query.timeoutMs);
    };
    begin().catch(fail);
  });
}

function sendRecord(res: ServerResponse, record: RequestRecord): void {
  const body = JSON.stringify(record);
  res.writeHead(200, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}
