// Bins on SQLite, through Prisma.
import { binNotFound } from "../../errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BinChanges, NewBin, StoredBin } from "../types.ts";

export function sqliteBins(client: PrismaClient) {
  const findBin = async (token: string): Promise<StoredBin | null> => client.bin.findUnique({ where: { token } });

  return {
    createBin: async (bin: NewBin): Promise<StoredBin> => client.bin.create({ data: bin }),

    findBin,

    updateBin: async (token: string, changes: BinChanges): Promise<StoredBin> => {
      if (Object.keys(changes).length > 0) {
        const { count } = await client.bin.updateMany({ where: { token }, data: changes });
        if (count === 0) throw binNotFound(token);
      }
      const bin = await findBin(token);
      if (!bin) throw binNotFound(token);
      return bin;
    },

    deleteBin: async (token: string): Promise<StoredBin> => {
      const bin = await findBin(token);
      // Requests and their attempts go with the bin (ON DELETE CASCADE).
      const { count } = bin ? await client.bin.deleteMany({ where: { id: bin.id } }) : { count: 0 };
      if (!bin || count === 0) throw binNotFound(token);
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
