// The forwarding outbox on PostgreSQL (see Storage in lib/storage/types.ts). Several instances
// claim at once: a claim locks the rows it takes (FOR UPDATE … SKIP LOCKED), so two instances never
// take the same capture, and one waiting on another's claim skips it instead of waiting.
import type { PrismaClient } from "../../generated/prisma-postgres/client.ts";
import type { ClaimedForward } from "../types.ts";

const CLAIM = `WITH due AS (
    SELECT j."requestId", r."method", b."forwardUrl" AS "url" FROM "ForwardJob" j
      JOIN "Bin" b ON b."id" = j."binId" JOIN "CapturedRequest" r ON r."id" = j."requestId"
    WHERE j."availableAt" <= $1 AND (j."claimedBy" IS NULL OR j."leaseUntil" <= $1) AND b."forwardUrl" IS NOT NULL
      AND j."seq" = (SELECT min(o."seq") FROM "ForwardJob" o WHERE o."binId" = j."binId")
    ORDER BY j."availableAt", j."seq" LIMIT $2
    FOR UPDATE OF j SKIP LOCKED)
  UPDATE "ForwardJob" f SET "claimedBy" = $3, "leaseUntil" = $4, "attempts" = f."attempts" + 1
  FROM due WHERE f."requestId" = due."requestId"
  RETURNING f."requestId", f."binId", f."attempts", due."method", due."url"`;

const FINISH = `WITH gone AS (
    DELETE FROM "ForwardJob" WHERE "requestId" = $1 AND "claimedBy" = $2 RETURNING "binId")
  UPDATE "ForwardJob" f SET "availableAt" = $3 FROM gone
  WHERE f."binId" = gone."binId" AND f."availableAt" < $3 AND f."requestId" <> $1
    AND f."seq" = (SELECT min(o."seq") FROM "ForwardJob" o WHERE o."binId" = gone."binId" AND o."requestId" <> $1)`;

export function postgresOutbox(client: PrismaClient) {
  return {
    claimForwards: async (owner: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedForward[]> => {
      const rows = await client.$queryRawUnsafe<(Omit<ClaimedForward, "attempts"> & { attempts: number })[]>(
        CLAIM,
        now,
        limit,
        owner,
        leaseUntil,
      );
      return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
    },

    renewForwards: async (owner: string, requestIds: string[], leaseUntil: number): Promise<string[]> => {
      if (requestIds.length === 0) return [];
      const rows = await client.$queryRawUnsafe<{ requestId: string }[]>(
        `UPDATE "ForwardJob" SET "leaseUntil" = $1 WHERE "claimedBy" = $2 AND "requestId" = ANY($3::text[])
         RETURNING "requestId"`,
        leaseUntil,
        owner,
        requestIds,
      );
      return rows.map((r) => r.requestId);
    },

    // The bin's next capture queues behind bins that have waited since before now: bins take turns.
    finishForward: async (owner: string, requestId: string, now: number): Promise<void> => {
      await client.$executeRawUnsafe(FINISH, requestId, owner, now);
    },

    retryForward: async (owner: string, requestId: string, availableAt: number): Promise<void> => {
      await client.$executeRawUnsafe(
        `UPDATE "ForwardJob" SET "claimedBy" = NULL, "leaseUntil" = NULL, "availableAt" = $1
         WHERE "requestId" = $2 AND "claimedBy" = $3`,
        availableAt,
        requestId,
        owner,
      );
    },

    releaseForwards: async (owner: string, requestIds: string[]): Promise<void> => {
      if (requestIds.length === 0) return;
      await client.$executeRawUnsafe(
        `UPDATE "ForwardJob" SET "claimedBy" = NULL, "leaseUntil" = NULL
         WHERE "claimedBy" = $1 AND "requestId" = ANY($2::text[])`,
        owner,
        requestIds,
      );
    },

    dropForwards: async (binId: string): Promise<{ waiting: number; claimed: number }> => {
      const gone = await client.$queryRawUnsafe<{ claimedBy: string | null }[]>(
        `DELETE FROM "ForwardJob" WHERE "binId" = $1 RETURNING "claimedBy"`,
        binId,
      );
      const claimed = gone.filter((g) => g.claimedBy !== null).length;
      return { waiting: gone.length - claimed, claimed };
    },

    forwardBacklog: async (): Promise<number> => client.forwardJob.count(),
  };
}
