// Bins on PostgreSQL, where they differ from SQLite: the name search's SQL.
import type { PrismaClient } from "../../generated/prisma-postgres/client.ts";
import { BINS_ORDER } from "../sqlite/bins.ts";
import type { StoredBin } from "../types.ts";

export function postgresBins(client: PrismaClient) {
  return {
    listBins: async (nameContains: string | null, take: number): Promise<StoredBin[]> => {
      // strpos, not LIKE: the text is matched as written, % and _ included.
      const ids = nameContains
        ? (
            await client.$queryRawUnsafe<{ id: string }[]>(
              `SELECT "id" FROM "Bin" WHERE strpos(lower("name"), lower($1)) > 0`,
              nameContains,
            )
          ).map((r) => r.id)
        : null;
      return client.bin.findMany({ where: ids ? { id: { in: ids } } : {}, orderBy: [...BINS_ORDER], take });
    },
  };
}
