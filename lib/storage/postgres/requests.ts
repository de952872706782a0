// Captured requests on PostgreSQL, where they differ from SQLite: the search's SQL, and the lock
// that deletes take first. Several instances write at once here (SQLite has one writer at a
// time), so a delete takes the bin's row before the requests' rows, in the order the capture
// writer takes them, and a count set or decremented under that lock stays exact.

import { captureNotices, LIVE_CHANNEL } from "../../events/postgres-bus.ts";
import type { PrismaClient as SqliteClient } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../generated/prisma-postgres/client.ts";
import type { RequestFilter, SeqWindow } from "../types.ts";
import { postgresSearchStore, type RunSql } from "./search-store.ts";

type Tx = Parameters<Parameters<SqliteClient["$transaction"]>[0]>[0];

/** Passed to the shared deletes (lib/storage/sqlite/requests.ts), which run it first in each transaction. */
export const lockBin = (tx: Tx, binId: string) => tx.$queryRaw`SELECT 1 FROM "Bin" WHERE "id" = ${binId} FOR UPDATE`;

/**
 * Sent with an import's commit, as a capture commit sends its notice: other instances' streams read
 * the imported rows. Named apart from every instance's origin, so this instance reads them too when
 * its streams have not been given them yet (the stream handler sends no seq twice).
 */
export const announceImport = (tx: Tx, binId: string, newestSeq: number) =>
  tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${captureNotices("import", new Map([[binId, newestSeq]]))[0]})`;

export function postgresRequests(client: PrismaClient) {
  const run: RunSql = (sql, params) => client.$queryRawUnsafe(sql, ...params);
  return {
    requestSizes: async (binId: string, filter: RequestFilter): Promise<{ seq: number; bodySize: number }[]> =>
      postgresSearchStore(binId, filter, run).sizesBelow(filter.beforeSeq, filter.take),

    matchingSeqs: async (binId: string, q: string, window: SeqWindow): Promise<number[]> =>
      postgresSearchStore(binId, window, run).matchingSeqs(q, window.low, window.high, window.take),
  };
}
