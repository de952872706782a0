// Captured requests on SQLite, through Prisma: reads, deletes and retention. New captures are
// inserted by the capture writer (lib/capture/sqlite-batch.ts), not here.
import type { HeaderPair } from "../../capture/headers.ts";
import { requestNotFound } from "../../errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { bodyBytes, type RecordRow, type SummaryRow } from "../../requests/serialize.ts";
import type { RequestFilter, SeqWindow, StoredBodyInfo, StoredDeliveries, StoredSource } from "../types.ts";
import { binFilter, summarySelect } from "./request-rows.ts";
import { type RunSql, sqliteSearchStore } from "./search-store.ts";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * `lockBin`, when given, runs first in every transaction that deletes a bin's requests and changes
 * its count: PostgreSQL takes the bin's row there (lib/storage/postgres/storage.ts), since several
 * instances write at once; SQLite has one writer at a time and needs nothing.
 */
export function sqliteRequests(client: PrismaClient, lockBin?: (tx: Tx, binId: string) => Promise<unknown>) {
  const run: RunSql = (sql, params) => client.$queryRawUnsafe(sql, ...params);
  return {
    listRequests: async (binId: string, filter: RequestFilter): Promise<SummaryRow[]> => {
      const where = binFilter(binId, filter);
      return client.capturedRequest.findMany({
        where: filter.beforeSeq === null ? where : { ...where, seq: { lt: filter.beforeSeq } },
        select: summarySelect,
        orderBy: { seq: "desc" },
        take: filter.take,
      });
    },

    requestSizes: async (binId: string, filter: RequestFilter): Promise<{ seq: number; bodySize: number }[]> =>
      sqliteSearchStore(binId, filter, run).sizesBelow(filter.beforeSeq, filter.take),

    matchingSeqs: async (binId: string, q: string, window: SeqWindow): Promise<number[]> =>
      sqliteSearchStore(binId, window, run).matchingSeqs(q, window.low, window.high, window.take),

    listBySeqs: async (binId: string, seqs: number[]): Promise<SummaryRow[]> =>
      client.capturedRequest.findMany({
        where: { binId, seq: { in: seqs } },
        select: summarySelect,
        orderBy: { seq: "desc" },
      }),

    listAfter: async (binId: string, afterSeq: number, limit: number): Promise<SummaryRow[]> =>
      client.capturedRequest.findMany({
        where: { binId, seq: { gt: afterSeq } },
        select: summarySelect,
        orderBy: { seq: "asc" },
        take: limit,
      }),

    lastAttempt: async (binId: string, deliveryKey: string): Promise<number> => {
      const last = await client.capturedRequest.findFirst({
        where: { binId, deliveryKey },
        orderBy: { seq: "desc" },
        select: { attempt: true },
      });
      return last?.attempt ?? 0;
    },

    listDeliveries: async (binId: string, requestId: string, take: number): Promise<StoredDeliveries> => {
      const select = { id: true, seq: true, attempt: true, receivedAt: true, answer: true } as const;
      const found = await client.capturedRequest.findFirst({
        where: { id: requestId, binId },
        select: { ...select, deliveryKey: true },
      });
      if (!found) throw requestNotFound(requestId);
      const { deliveryKey, ...own } = found;
      if (deliveryKey === null) return { deliveryKey, deliveries: [own], total: 1 };
      const where = { binId, deliveryKey };
      // In one transaction, so the count and the list agree.
      const [deliveries, total] = await client.$transaction([
        client.capturedRequest.findMany({ where, select, orderBy: { seq: "asc" }, take }),
        client.capturedRequest.count({ where }),
      ]);
      return { deliveryKey, deliveries, total };
    },

    getRequest: async (binId: string, id: string): Promise<RecordRow> => {
      const row = await client.capturedRequest.findFirst({
        where: { id, binId },
        select: { ...summarySelect, url: true, httpVersion: true, headers: true, bodyText: true },
      });
      if (!row) throw requestNotFound(id);
      return row;
    },

    getBodyInfo: async (binId: string, id: string): Promise<StoredBodyInfo> => {
      const row = await client.capturedRequest.findFirst({
        where: { id, binId },
        select: { bodySize: true, contentType: true, headers: true },
      });
      if (!row) throw requestNotFound(id);
      return { bodySize: row.bodySize, contentType: row.contentType, headers: JSON.parse(row.headers) as HeaderPair[] };
    },

    readBody: async (id: string): Promise<Buffer> => {
      const row = await client.capturedRequest.findUnique({ where: { id }, select: { bodyText: true, body: true } });
      if (!row) throw requestNotFound(id);
      return bodyBytes(row);
    },

    findSource: async (id: string, binId?: string): Promise<StoredSource | null> => {
      const row = await client.capturedRequest.findFirst({
        where: binId === undefined ? { id } : { id, binId },
        select: { id: true, method: true, headers: true, bodyText: true, body: true },
      });
      if (!row) return null;
      return { id: row.id, method: row.method, headers: JSON.parse(row.headers) as HeaderPair[], body: bodyBytes(row) };
    },

    deleteRequest: async (binId: string, id: string): Promise<void> => {
      const deleted = await client.$transaction(async (tx) => {
        await lockBin?.(tx, binId);
        const { count } = await tx.capturedRequest.deleteMany({ where: { id, binId } });
        if (count > 0) await tx.bin.update({ where: { id: binId }, data: { requestCount: { decrement: count } } });
        return count;
      });
      if (deleted === 0) throw requestNotFound(id);
    },

    clearRequests: async (binId: string): Promise<void> => {
      await client.$transaction(async (tx) => {
        await lockBin?.(tx, binId);
        await tx.capturedRequest.deleteMany({ where: { binId } });
        await tx.bin.updateMany({ where: { id: binId }, data: { requestCount: 0 } });
      });
    },

    pruneExpired: async (cutoff: Date): Promise<number> => {
      // An imported request keeps its file's time as receivedAt; it expires counted from its import.
      const expired = { receivedAt: { lt: cutoff }, OR: [{ importedAt: null }, { importedAt: { lt: cutoff } }] };
      const groups = await client.capturedRequest.groupBy({ by: ["binId"], where: expired });
      let total = 0;
      // Bin by bin, so each count stays exact and no prune holds the database for long.
      for (const { binId } of groups) {
        total += await client.$transaction(async (tx) => {
          await lockBin?.(tx, binId);
          const { count } = await tx.capturedRequest.deleteMany({ where: { binId, ...expired } });
          if (count > 0) await tx.bin.update({ where: { id: binId }, data: { requestCount: { decrement: count } } });
          return count;
        });
      }
      return total;
    },
  };
}
