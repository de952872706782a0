// Captured requests: list, read, download, delete. New captures are written by the capture
// writer (lib/capture/writer.ts); everything else goes through storage() here.

import { type BinOpener, openBinOrThrow } from "../bins/opener.ts";
import { getBinOrThrow } from "../bins/service.ts";
import { contentEncodingOf } from "../body/detect.ts";
import { getEnv } from "../env.ts";
import { eventBus } from "../events/bus.ts";
import { storage } from "../storage/index.ts";
import { encodeCursor } from "./cursor.ts";
import type { ListQuery } from "./list-query.ts";
import { type SearchStore, searchRequests } from "./search.ts";
import { toRecord, toSummary } from "./serialize.ts";
import type { RequestPage, RequestRecord, RequestSummary } from "./types.ts";

export async function listRequests(key: string, query: ListQuery): Promise<RequestPage> {
  return listBinRequests((await getBinOrThrow(key)).id, query);
}

/** A page of a bin's requests, however the bin was opened (its key or a share link). */
export async function listBinRequests(binId: string, query: ListQuery): Promise<RequestPage> {
  if (query.q) return searchPage(binId, query.q, query);
  const rows = await storage().listRequests(binId, {
    methods: query.methods,
    redelivered: query.redelivered,
    beforeSeq: query.beforeSeq,
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    requests: page.map(toSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null,
  };
}

/** A page of the requests that contain q; its cursor may continue below the rows examined. */
async function searchPage(binId: string, q: string, query: ListQuery): Promise<RequestPage> {
  const { methods, redelivered } = query;
  const store: SearchStore = {
    sizesBelow: (beforeSeq, take) => storage().requestSizes(binId, { methods, redelivered, beforeSeq, take }),
    matchingSeqs: (text, low, high, take) =>
      storage().matchingSeqs(binId, text, { methods, redelivered, low, high, take }),
  };
  const budget = getEnv().SEARCH_SCAN_MAX_BYTES;
  const found = await searchRequests(store, q, query.beforeSeq, query.limit + 1, budget);
  const seqs = found.seqs.slice(0, query.limit);
  const rows = seqs.length === 0 ? [] : await storage().listBySeqs(binId, seqs);
  let nextCursor: string | null = null;
  if (found.seqs.length > query.limit) nextCursor = encodeCursor(seqs[seqs.length - 1] as number);
  else if (found.continueBelow !== null) nextCursor = encodeCursor(found.continueBelow);
  return { requests: rows.map(toSummary), nextCursor };
}

export async function getRequestOrThrow(key: string, id: string): Promise<RequestRecord> {
  return getBinRequestOrThrow((await getBinOrThrow(key)).id, id);
}

export async function getBinRequestOrThrow(binId: string, id: string): Promise<RequestRecord> {
  return toRecord(await storage().getRequest(binId, id));
}

/** What a body download needs before it reads the bytes: their size (to reserve memory for), type and encoding. */
export interface BodyInfo {
  id: string;
  size: number;
  contentType: string | null;
  /** The request's Content-Encoding, all its lines joined; null when it has none. */
  contentEncoding: string | null;
}

export async function getRequestBodyInfo(opener: BinOpener, id: string): Promise<BodyInfo> {
  const bin = await openBinOrThrow(opener);
  const info = await storage().getBodyInfo(bin.id, id);
  return { id, size: info.bodySize, contentType: info.contentType, contentEncoding: contentEncodingOf(info.headers) };
}

/** The body bytes as stored, of a request found by getRequestBodyInfo (404 if deleted since). */
export async function readRequestBody(info: BodyInfo): Promise<Buffer> {
  return storage().readBody(info.id);
}

export async function deleteRequest(key: string, id: string): Promise<void> {
  const bin = await getBinOrThrow(key);
  await storage().deleteRequest(bin.id, id);
  eventBus().publish(bin.id, { type: "deleted", id });
}

export async function clearRequests(key: string): Promise<void> {
  const bin = await getBinOrThrow(key);
  await storage().clearRequests(bin.id);
  eventBus().publish(bin.id, { type: "cleared" });
}

/** Summaries of a bin's requests with seq > afterSeq, oldest first (for stream replay). */
export async function listAfter(binId: string, afterSeq: number, limit: number): Promise<RequestSummary[]> {
  return (await storage().listAfter(binId, afterSeq, limit)).map(toSummary);
}
