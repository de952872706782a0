// Captured requests on PostgreSQL, where they differ from SQLite: the search's SQL, and deletes
// that lock the bin's row first. Several instances write at once here (SQLite has one writer at a
// time), so a delete takes the bin's row before the requests' rows, in the order the capture
// writer takes them, and a count set or decremented under that lock stays exact.
import { requestNotFound } from "../../errors.ts";
import type { PrismaClient } from "../../generated/prisma-postgres/client.ts";
import type { RequestFilter, SeqWindow } from "../types.ts";
import { postgresSearchStore, type RunSql } from "./search-store.ts";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const lockBin = (tx: Tx, binId: string) => tx.$queryRaw`SELECT 1 FROM "Bin" WHERE "id" = ${binId} FOR UPDATE`;

export function postgresRequests(client: PrismaClient) {
  const run: RunSql = (sql, params) => client.$queryRawUnsafe(sql, ...params);
  return {
    requestSizes: async (binId: string, filter: RequestFilter): Promise<{ seq: number; bodySize: number }[]> =>
      postgresSearchStore(binId, filter.methods, run).sizesBelow(filter.beforeSeq, filter.take),

    matchingSeqs: async (binId: string, q: string, window: SeqWindow): Promise<number[]> =>
      postgresSearchStore(binId, window.methods, run).matchingSeqs(q, window.low, window.high, window.take),

    deleteRequest: async (binId: string, id: string): Promise<void> => {
      const deleted = await client.$transaction(async (tx) => {
        await lockBin(tx, binId);
        const { count } = await tx.capturedRequest.deleteMany({ where: { id, binId } });
        if (count > 0) await tx.bin.update({ where: { id: binId }, data: { requestCount: { decrement: count } } });
        return count;
      });
      if (deleted === 0) throw requestNotFound(id);
    },

    clearRequests: async (binId: string): Promise<void> => {
      await client.$transaction(async (tx) => {
        await lockBin(tx, binId);
        await tx.capturedRequest.deleteMany({ where: { binId } });
        await tx.bin.updateMany({ where: { id: binId }, data: { requestCount: 0 } });
      });
    },

    pruneExpired: async (cutoff: Date): Promise<number> => {
      const groups = await client.capturedRequest.groupBy({ by: ["binId"], where: { receivedAt: { lt: cutoff } } });
      let total = 0;
      // Bin by bin, so each count stays exact and no prune holds a bin for long.
      for (const { binId } of groups) {
        total += await client.$transaction(async (tx) => {
          await lockBin(tx, binId);
          const { count } = await tx.capturedRequest.deleteMany({ where: { binId, receivedAt: { lt: cutoff } } });
          if (count > 0) await tx.bin.update({ where: { id: binId }, data: { requestCount: { decrement: count } } });
          return count;
        });
      }
      return total;
    },
  };
}
