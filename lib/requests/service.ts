// Captured requests: list, read, download, delete. Writes of new captures go through
// lib/capture/writer.ts; everything else is here, on Prisma.

import { getBinOrThrow } from "../bins/service.ts";
import { contentEncodingOf } from "../body/detect.ts";
import type { HeaderPair } from "../capture/headers.ts";
import { db } from "../db/client.ts";
import { getEnv } from "../env.ts";
import { requestNotFound } from "../errors.ts";
import { eventBus } from "../events/bus.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { encodeCursor } from "./cursor.ts";
import type { ListQuery } from "./list-query.ts";
import { searchRequests } from "./search.ts";
import { type RunSql, sqliteSearchStore } from "./search-store.ts";
import { bodyBytes, summarySelect, toRecord, toSummary } from "./serialize.ts";
import type { RequestPage, RequestRecord, RequestSummary } from "./types.ts";

export async function listRequests(token: string, query: ListQuery): Promise<RequestPage> {
  const bin = await getBinOrThrow(token);
  if (query.q) return searchPage(bin.id, query.q, query);
  const where: Prisma.CapturedRequestWhereInput = { binId: bin.id };
  if (query.methods) where.method = query.methods.length === 1 ? query.methods[0] : { in: query.methods };
  const rows = await db().capturedRequest.findMany({
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

/** A page of the requests that contain q; its cursor may continue below the rows examined. */
async function searchPage(binId: string, q: string, query: ListQuery): Promise<RequestPage> {
  const run: RunSql = (sql, params) => db().$queryRawUnsafe(sql, ...params);
  const store = sqliteSearchStore(binId, query.methods, run);
  const budget = getEnv().SEARCH_SCAN_MAX_BYTES;
  const found = await searchRequests(store, q, query.beforeSeq, query.limit + 1, budget);
  const seqs = found.seqs.slice(0, query.limit);
  const rows =
    seqs.length === 0
      ? []
      : await db().capturedRequest.findMany({
          where: { binId, seq: { in: seqs } },
          select: summarySelect,
          orderBy: { seq: "desc" },
        });
  let nextCursor: string | null = null;
  if (found.seqs.length > query.limit) nextCursor = encodeCursor(seqs[seqs.length - 1] as number);
  else if (found.continueBelow !== null) nextCursor = encodeCursor(found.continueBelow);
  return { requests: rows.map(toSummary), nextCursor };
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
