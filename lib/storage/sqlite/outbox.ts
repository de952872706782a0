// The forwarding outbox on SQLite (see Storage in lib/storage/types.ts). One process writes a
// SQLite file, and each statement here is atomic, so a claim is one UPDATE … RETURNING.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { ClaimedForward, ForwardClaim } from "../types.ts";

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
/** A condition matching n claims, each by request id and attempts (claimArgs gives the values). */
const matching = (n: number) => Array.from({ length: n }, () => "(requestId = ? AND attempts = ?)").join(" OR ");
const claimArgs = (claims: ForwardClaim[]) => claims.flatMap((c) => [c.requestId, c.attempts]);

export function sqliteOutbox(client: PrismaClient) {
  const details = async (claimed: { requestId: string; binId: string; attempts: number }[]) => {
    if (claimed.length === 0) return [];
    const rows = await client.$queryRawUnsafe<{ requestId: string; method: string; url: string | null }[]>(
      `SELECT j.requestId, r.method, b.forwardUrl AS url FROM ForwardJob j
         JOIN CapturedRequest r ON r.id = j.requestId JOIN Bin b ON b.id = j.binId
       WHERE j.requestId IN (${placeholders(claimed.length)})`,
      ...claimed.map((c) => c.requestId),
    );
    const byId = new Map(rows.map((r) => [r.requestId, r]));
    return claimed.map((c) => {
      const found = byId.get(c.requestId);
      return { ...c, attempts: Number(c.attempts), method: found?.method ?? "GET", url: found?.url ?? null };
    });
  };

  return {
    claimForwards: async (owner: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedForward[]> => {
      const claimed = await client.$queryRawUnsafe<{ requestId: string; binId: string; attempts: number }[]>(
        `UPDATE ForwardJob SET claimedBy = ?, leaseUntil = ?, attempts = attempts + 1
         WHERE requestId IN (
           SELECT j.requestId FROM ForwardJob j JOIN Bin b ON b.id = j.binId
           WHERE j.availableAt <= ? AND (j.claimedBy IS NULL OR j.leaseUntil <= ?) AND b.forwardUrl IS NOT NULL
             AND j.seq = (SELECT min(o.seq) FROM ForwardJob o WHERE o.binId = j.binId)
           ORDER BY j.availableAt, j.seq LIMIT ?)
         RETURNING requestId, binId, attempts`,
        owner,
        leaseUntil,
        now,
        now,
        limit,
      );
      return (await details(claimed)).filter((c): c is ClaimedForward => c.url !== null);
    },

    renewForwards: async (
      owner: string,
      claims: ForwardClaim[],
      leaseUntil: number,
    ): Promise<{ held: string[]; takenOver: string[] }> => {
      if (claims.length === 0) return { held: [], takenOver: [] };
      const rows = await client.$queryRawUnsafe<{ requestId: string }[]>(
        `UPDATE ForwardJob SET leaseUntil = ? WHERE claimedBy = ? AND (${matching(claims.length)}) RETURNING requestId`,
        leaseUntil,
        owner,
        ...claimArgs(claims),
      );
      const held = rows.map((r) => r.requestId);
      const still = await client.$queryRawUnsafe<{ requestId: string }[]>(
        `SELECT requestId FROM ForwardJob WHERE requestId IN (${placeholders(claims.length)})`,
        ...claims.map((c) => c.requestId),
      );
      const kept = new Set(held);
      return { held, takenOver: still.map((r) => r.requestId).filter((id) => !kept.has(id)) };
    },

    finishForward: async (owner: string, claim: ForwardClaim, now: number): Promise<void> => {
      await client.$transaction(async (tx) => {
        const gone = await tx.$queryRawUnsafe<{ binId: string }[]>(
          "DELETE FROM ForwardJob WHERE requestId = ? AND attempts = ? AND claimedBy = ? RETURNING binId",
          claim.requestId,
          claim.attempts,
          owner,
        );
        const binId = gone[0]?.binId;
        // The bin's next capture queues behind bins that have waited since before now: bins take turns.
        if (binId) {
          await tx.$executeRawUnsafe(
            `UPDATE ForwardJob SET availableAt = ? WHERE binId = ? AND availableAt < ?
               AND seq = (SELECT min(seq) FROM ForwardJob WHERE binId = ?)`,
            now,
            binId,
            now,
            binId,
          );
        }
      });
    },

    retryForward: async (owner: string, claim: ForwardClaim, availableAt: number): Promise<void> => {
      await client.$executeRawUnsafe(
        `UPDATE ForwardJob SET claimedBy = NULL, leaseUntil = NULL, availableAt = ?
         WHERE requestId = ? AND attempts = ? AND claimedBy = ?`,
        availableAt,
        claim.requestId,
        claim.attempts,
        owner,
      );
    },

    releaseForwards: async (owner: string, claims: ForwardClaim[]): Promise<void> => {
      if (claims.length === 0) return;
      await client.$executeRawUnsafe(
        `UPDATE ForwardJob SET claimedBy = NULL, leaseUntil = NULL WHERE claimedBy = ? AND (${matching(claims.length)})`,
        owner,
        ...claimArgs(claims),
      );
    },

    dropForwards: async (binId: string): Promise<{ waiting: number; claimed: number }> => {
      const gone = await client.$queryRawUnsafe<{ claimedBy: string | null }[]>(
        "DELETE FROM ForwardJob WHERE binId = ? RETURNING claimedBy",
        binId,
      );
      const claimed = gone.filter((g) => g.claimedBy !== null).length;
      return { waiting: gone.length - claimed, claimed };
    },

    forwardBacklog: async (): Promise<number> => client.forwardJob.count(),
  };
}
