// Resend and forward attempts on SQLite, through Prisma.
import { requestNotFound } from "../../errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StoredAttempt } from "../types.ts";

const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

export function sqliteAttempts(client: PrismaClient) {
  return {
    recordAttempt: async (attempt: StoredAttempt, keep: number): Promise<StoredAttempt> => {
      try {
        return await client.$transaction(async (tx) => {
          const created = await tx.resend.create({ data: attempt });
          const surplus = await tx.resend.findMany({
            where: { requestId: attempt.requestId },
            orderBy: newestFirst,
            skip: keep,
            select: { id: true },
          });
          if (surplus.length > 0) await tx.resend.deleteMany({ where: { id: { in: surplus.map((r) => r.id) } } });
          return created;
        });
      } catch (err) {
        // P2003: the foreign key to the request failed, so the request was deleted.
        if ((err as { code?: string }).code === "P2003") throw requestNotFound(attempt.requestId);
        throw err;
      }
    },

    listAttempts: async (binId: string, requestId: string, limit: number): Promise<StoredAttempt[]> => {
      const found = await client.capturedRequest.findFirst({ where: { id: requestId, binId }, select: { id: true } });
      if (!found) throw requestNotFound(requestId);
      return client.resend.findMany({ where: { requestId }, orderBy: newestFirst, take: limit });
    },
  };
}
