// Compares two requests of a bin, opened by its key or a share link: GET .../diff?a=<id>&b=<id|previous>.
import { type BinOpener, openBinOrThrow } from "../bins/opener.ts";
import type { HeaderPair } from "../capture/headers.ts";
import { getEnv } from "../env.ts";
import { toSummary } from "../requests/serialize.ts";
import { storage } from "../storage/index.ts";
import type { RecordRow } from "../storage/types.ts";
import type { DiffLimits } from "./body.ts";
import { type ComparedRequest, compareRequests } from "./compare.ts";
import { isCounterpartWord, resolveCounterpart } from "./counterpart.ts";
import { prepareBody } from "./prepare-body.ts";
import type { RequestDiff } from "./types.ts";

export function diffLimits(): DiffLimits {
  const env = getEnv();
  return { maxBytes: env.DIFF_MAX_BYTES, maxChanges: env.DIFF_MAX_CHANGES, maxJsonValues: env.DIFF_MAX_JSON_VALUES };
}

/** Throws bin_not_found or share_not_found (the opener), request_not_found (either request). */
export async function diffRequests(opener: BinOpener, aId: string, bRef: string): Promise<RequestDiff> {
  const bin = await openBinOrThrow(opener);
  const a = await storage().getRequest(bin.id, aId);
  const bId = isCounterpartWord(bRef) ? await resolveCounterpart(bin.id, a, bRef) : bRef;
  const b = await storage().getRequest(bin.id, bId);
  const limits = diffLimits();
  return compareRequests(await compared(a, "a", limits), await compared(b, "b", limits), limits);
}

async function compared(row: RecordRow, label: string, limits: DiffLimits): Promise<ComparedRequest> {
  const headers = JSON.parse(row.headers) as HeaderPair[];
  const bytes = await storage().readBody(row.id);
  const body = await prepareBody({ label, bytes, headers, contentType: row.contentType }, limits.maxBytes);
  return { summary: toSummary(row), headers, body };
}
