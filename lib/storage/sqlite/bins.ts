// Bins on SQLite, through Prisma.
import { binNotFound } from "../../errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BinChanges, BinSecret, NewBin, StoredBin } from "../types.ts";

/** Most recent capture first; bins that never captured after, newest first. */
export const BINS_ORDER = [
  { lastRequestAt: { sort: "desc", nulls: "last" } },
  { createdAt: "desc" },
  { id: "desc" },
] as const;

export function sqliteBins(client: PrismaClient) {
  const findBinByKey = async (key: string): Promise<StoredBin | null> => client.bin.findUnique({ where: { key } });

  return {
    createBin: async (bin: NewBin): Promise<StoredBin> => client.bin.create({ data: bin }),

    findBinByKey,

    listBins: async (nameContains: string | null, take: number): Promise<StoredBin[]> => {
      // instr, not LIKE: the text is matched as written, % and _ included.
      const ids = nameContains
        ? (
            await client.$queryRawUnsafe<{ id: string }[]>(
              "SELECT id FROM Bin WHERE instr(lower(name), lower(?)) > 0",
              nameContains,
            )
          ).map((r) => r.id)
        : null;
      return client.bin.findMany({ where: ids ? { id: { in: ids } } : {}, orderBy: [...BINS_ORDER], take });
    },

    findBinByToken: async (token: string): Promise<StoredBin | null> => client.bin.findUnique({ where: { token } }),

    updateBin: async (key: string, changes: BinChanges): Promise<StoredBin> => {
      if (Object.keys(changes).length > 0) {
        const { count } = await client.bin.updateMany({ where: { key }, data: changes });
        if (count === 0) throw binNotFound(key);
      }
      const bin = await findBinByKey(key);
      if (!bin) throw binNotFound(key);
      return bin;
    },

    swapSigningSecrets: async (key: string, expected: string, next: string): Promise<StoredBin | null> => {
      const { count } = await client.bin.updateMany({
        where: { key, signingSecrets: expected },
        data: { signingSecrets: next },
      });
      const bin = await findBinByKey(key);
      if (!bin) throw binNotFound(key);
      return count === 0 ? null : bin;
    },

    rotateBinSecret: async (key: string, secret: BinSecret, value: string): Promise<StoredBin> => {
      const bin = await findBinByKey(key);
      // Conditional on the key still being the one given: of two rotations racing, one wins.
      const { count } = bin
        ? await client.bin.updateMany({ where: { id: bin.id, key }, data: { [secret]: value } })
        : { count: 0 };
      const rotated = bin && count > 0 ? await client.bin.findUnique({ where: { id: bin.id } }) : null;
      if (!rotated) throw binNotFound(key);
      return rotated;
    },

    deleteBin: async (key: string): Promise<StoredBin> => {
      const bin = await findBinByKey(key);
      // Requests and their attempts go with the bin (ON DELETE CASCADE).
      const { count } = bin ? await client.bin.deleteMany({ where: { id: bin.id } }) : { count: 0 };
      if (!bin || count === 0) throw binNotFound(key);
      return bin;
    },

    pruneIdleBins: async (cutoff: Date, limit: number): Promise<{ deleted: number; tokens: string[] }> => {
      const idle = {
        OR: [{ lastRequestAt: { lt: cutoff } }, { lastRequestAt: null, createdAt: { lt: cutoff } }],
      };
      const bins = await client.bin.findMany({ where: idle, select: { id: true, token: true }, take: limit });
      if (bins.length === 0) return { deleted: 0, tokens: [] };
      // The condition is checked again as it deletes: a bin that captured meanwhile stays.
      const { count } = await client.bin.deleteMany({ where: { ...idle, id: { in: bins.map((b) => b.id) } } });
      return { deleted: count, tokens: bins.map((b) => b.token) };
    },
  };
}
