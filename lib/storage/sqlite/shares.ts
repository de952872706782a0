// Share links on SQLite, through Prisma; PostgreSQL runs the same queries (lib/storage/postgres/storage.ts).
import { ApiError, shareNotFound } from "../../errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { NewShare, StoredBin, StoredShare } from "../types.ts";

export function sqliteShares(client: PrismaClient) {
  return {
    createShare: async (share: NewShare): Promise<StoredShare> => {
      try {
        return await client.share.create({ data: share });
      } catch (err) {
        // P2003: the foreign key to the bin failed, so the bin was deleted.
        if ((err as { code?: string }).code === "P2003") {
          throw new ApiError("bin_not_found", "The bin was deleted; it can no longer be shared.");
        }
        throw err;
      }
    },

    listShares: async (binId: string): Promise<StoredShare[]> =>
      client.share.findMany({ where: { binId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),

    deleteShare: async (binId: string, id: string): Promise<void> => {
      const { count } = await client.share.deleteMany({ where: { id, binId } });
      if (count === 0) throw shareNotFound(id);
    },

    findBinByShare: async (id: string): Promise<StoredBin | null> =>
      (await client.share.findUnique({ where: { id }, select: { bin: true } }))?.bin ?? null,
  };
}
