// Captured requests on PostgreSQL, where they differ from SQLite: the search's SQL, and the lock
// that deletes take first. Several instances write at once here (SQLite has one writer at a
// time), so a delete takes the bin's row before the requests' rows, in the order the capture
// writer takes them, and a count set or decremented under that lock stays exact.
import type { PrismaClient as SqliteClient } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../generated/prisma-postgres/client.ts";
import type { RequestFilter, SeqWindow } from "../types.ts";
import { postgresSearchStore, type RunSql } from "./search-store.ts";

type Tx = Parameters<Parameters<SqliteClient["$transaction"]>[0]>[0];

/** Passed to the shared deletes (lib/storage/sqlite/requests.ts), which run it first in each transaction. */
export const lockBin = (tx: Tx, binId: string) => tx.$queryRaw`SELECT 1 FROM "Bin" WHERE "id" = ${binId} FOR UPDATE`;

export function postgresRequests(client: PrismaClient) {
  const run: RunSql = (sql, params) => client.$queryRawUnsafe(sql, ...params);
  return {
    requestSizes: async (binId: string, filter: RequestFilter): Promise<{ seq: number; bodySize: number }[]> =>
      postgresSearchStore(binId, filter, run).sizesBelow(filter.beforeSeq, filter.take),

    matchingSeqs: async (binId: string, q: string, window: SeqWindow): Promise<number[]> =>
      postgresSearchStore(binId, window, run).matchingSeqs(q, window.low, window.high, window.take),
  };
}
