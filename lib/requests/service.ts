// Captured requests: list, read, download, delete. Writes of new captures go through
// lib/capture/writer.ts; everything else is here, on Prisma.

import { getBinOrThrow } from "../bins/service.ts";
import { contentEncodingOf } from "../body/detect.ts";
import type { HeaderPair } from "../capture/headers.ts";
import { db } from "../db/client.ts";
import { asJsonStringContent, containsInsensitive } from "../db/text-search.ts";
import { requestNotFound } from "../errors.ts";
import { eventBus } from "../events/bus.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { encodeCursor } from "./cursor.ts";
import type { ListQuery } from "./list-query.ts";
import { bodyBytes, type SummaryRow, summarySelect, toRecord, toSummary } from "./serialize.ts";
import { textMatcher } from "./text-match.ts";
import type { RequestPage, RequestRecord, RequestSummary } from "./types.ts";

export async function listRequests(token: string, query: ListQuery): Promise<RequestPage> {
  const bin = await getBinOrThrow(token);
  const where: Prisma.CapturedRequestWhereInput = { binId: bin.id };
  if (query.methods) where.method = query.methods.length === 1 ? query.methods[0] : { in: query.methods };
  const rows = query.q
    ? await searchPage(where, query.q, query.beforeSeq, query.limit + 1)
    : await db().capturedRequest.findMany({
        where: query.beforeSeq === null ? where : { ...where, seq: { lt: query.beforeSeq } },
        select: summarySelect,
        orderBy: { seq: "desc" },
        take: query.limit + 1,
      });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    requests: page.map(toSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null,
  };
}

/**
 * Up to `wanted` rows matching the text, newest first. LIKE narrows the rows in the database (a
 * superset of the matches); textMatcher keeps the exact ones, reading on until enough are found.
 */
async function searchPage(
  where: Prisma.CapturedRequestWhereInput,
  q: string,
  beforeSeq: number | null,
  wanted: number,
): Promise<SummaryRow[]> {
  const matches = textMatcher(q);
  const narrowed: Prisma.CapturedRequestWhereInput = {
    ...where,
    OR: [
      { path: containsInsensitive(q) },
      { query: containsInsensitive(q) },
      { headers: containsInsensitive(asJsonStringContent(q)) },
      { bodyText: containsInsensitive(q) },
    ],
  };
  const found: SummaryRow[] = [];
  let before = beforeSeq;
  for (;;) {
    const rows = await db().capturedRequest.findMany({
      where: before === null ? narrowed : { ...narrowed, seq: { lt: before } },
      select: { ...summarySelect, headers: true, bodyText: true },
      orderBy: { seq: "desc" },
      take: wanted,
    });
    for (const row of rows) {
      if (matches(row)) found.push(row);
      if (found.length === wanted) return found;
    }
    const last = rows.at(-1);
    if (rows.length < wanted || !last) return found;
    before = last.seq;
  }
}

export async function getRequestOrThrow(token: string, id: string): Promise<RequestRecord> {
  const bin = await getBinOrThrow(token);
  const row = await db().capturedRequest.findFirst({
    where: { id, binId: bin.id },
    select: { ...summarySelect, url: true, httpVersion: true, headers: true, bodyText: true },
  });
  if (!row) throw requestNotFound(id);
  return toRecord(row);
}

/** What a body download needs before it reads the bytes: their size (to reserve memory for), type and encoding. */
export interface BodyInfo {
  id: string;
  size: number;
  contentType: string | null;
  /** The request's Content-Encoding, all its lines joined; null when it has none. */
  contentEncoding: string | null;
}

export async function getRequestBodyInfo(token: string, id: string): Promise<BodyInfo> {
  const bin = await getBinOrThrow(token);
  const row = await db().capturedRequest.findFirst({
    where: { id, binId: bin.id },
    select: { bodySize: true, contentType: true, headers: true },
  });
  if (!row) throw requestNotFound(id);
  const headers = JSON.parse(row.headers) as HeaderPair[];
  return { id, size: row.bodySize, contentType: row.contentType, contentEncoding: contentEncodingOf(headers) };
}

/** The body bytes as stored, of a request found by getRequestBodyInfo (404 if deleted since). */
export async function readRequestBody(info: BodyInfo): Promise<Buffer> {
  const row = await db().capturedRequest.findUnique({ where: { id: info.id }, select: { bodyText: true, body: true } });
  if (!row) throw requestNotFound(info.id);
  return bodyBytes(row);
}

export async function deleteRequest(token: string, id: string): Promise<void> {
  const bin = await getBinOrThrow(token);
  const deleted = await db().$transaction(async (tx) => {
    const { count } = await tx.capturedRequest.deleteMany({ where: { id, binId: bin.id } });
    if (count > 0) await tx.bin.update({ where: { id: bin.id }, data: { requestCount: { decrement: count } } });
    return count;
  });
  if (deleted === 0) throw requestNotFound(id);
  eventBus().publish(token, { type: "deleted", id });
}

export async function clearRequests(token: string): Promise<void> {
  const bin = await getBinOrThrow(token);
  await db().$transaction(async (tx) => {
    await tx.capturedRequest.deleteMany({ where: { binId: bin.id } });
    await tx.bin.update({ where: { id: bin.id }, data: { requestCount: 0 } });
  });
  eventBus().publish(token, { type: "cleared" });
}

/** Summaries of a bin's requests with seq > afterSeq, oldest first (for stream replay). */
export async function listAfter(binId: string, afterSeq: number, limit: number): Promise<RequestSummary[]> {
  const rows = await db().capturedRequest.findMany({
    where: { binId, seq: { gt: afterSeq } },
    select: summarySelect,
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map(toSummary);
}
