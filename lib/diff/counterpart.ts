// Which request "b" names: a request id, or a word for a request found from "a". This is the one
// place such words are resolved.
import { getEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { storage } from "../storage/index.ts";
import type { SummaryRow } from "../storage/types.ts";

/**
 * `previous`: the latest capture before a, in seq order, with a's method and path.
 * `previous-delivery`: the latest earlier delivery of a's event (same delivery key).
 */
export const COUNTERPART_WORDS = ["previous", "previous-delivery"] as const;
export type CounterpartWord = (typeof COUNTERPART_WORDS)[number];

export function isCounterpartWord(value: string): value is CounterpartWord {
  return (COUNTERPART_WORDS as readonly string[]).includes(value);
}

/** Rows read per page while looking back through a bin. */
const PAGE = 200;

/** The id of the request the word names for `a`. Throws request_not_found when there is none. */
export async function resolveCounterpart(binId: string, a: SummaryRow, word: CounterpartWord): Promise<string> {
  switch (word) {
    case "previous":
      return previousSamePath(binId, a);
    case "previous-delivery":
      return previousDelivery(binId, a);
  }
}

/** The delivery of a's event stored just before a; a bin holds at most MAX_REQUESTS_PER_BIN. */
async function previousDelivery(binId: string, a: SummaryRow): Promise<string> {
  const { deliveries } = await storage().listDeliveries(binId, a.id, getEnv().MAX_REQUESTS_PER_BIN);
  const earlier = deliveries.filter((delivery) => delivery.seq < a.seq).at(-1);
  if (earlier) return earlier.id;
  throw new ApiError(
    "request_not_found",
    "This request is the first stored delivery of its event: there is no earlier delivery to compare with.",
  );
}

/**
 * Pages back from a's seq through the captures with a's method (filtered by the storage) until
 * one has a's path. A bin holds at most MAX_REQUESTS_PER_BIN captures, which bounds the pages read.
 */
async function previousSamePath(binId: string, a: SummaryRow): Promise<string> {
  let beforeSeq = a.seq;
  for (;;) {
    const rows = await storage().listRequests(binId, { methods: [a.method], beforeSeq, take: PAGE });
    const found = rows.find((row) => row.path === a.path);
    if (found) return found.id;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    beforeSeq = last.seq;
  }
  throw new ApiError(
    "request_not_found",
    `No earlier ${a.method} request to ${a.path.slice(0, 200)} in this bin to compare with.`,
  );
}
