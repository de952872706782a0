// The forwarding outbox on PostgreSQL (see Storage in lib/storage/types.ts). Several instances
// claim at once: a claim locks the rows it takes (FOR UPDATE … SKIP LOCKED), so two instances never
// take the same capture, and one waiting on another's claim skips it instead of waiting.
import type { PrismaClient } from "../../generated/prisma-postgres/client.ts";
import type { ClaimedForward, ForwardClaim } from "../types.ts";

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

// The next capture is taken with SKIP LOCKED: a claim or a drop holding it is not waited for (turns
// are a preference, not a rule), so finishing never deadlocks with them.
const FINISH = `WITH gone AS (
    DELETE FROM "ForwardJob" WHERE "requestId" = $1 AND "attempts" = $2 AND "claimedBy" = $3 RETURNING "binId"),
  next AS (
    SELECT o."requestId" FROM "ForwardJob" o JOIN gone ON o."binId" = gone."binId"
    WHERE o."requestId" <> $1 ORDER BY o."seq" LIMIT 1 FOR UPDATE OF o SKIP LOCKED)
  UPDATE "ForwardJob" f SET "availableAt" = $4 FROM next
  WHERE f."requestId" = next."requestId" AND f."availableAt" < $4`;

/** Claims as two arrays, for `("requestId", "attempts") IN (SELECT * FROM unnest($n::text[], $m::int[]))`. */
const claimArrays = (claims: ForwardClaim[]) => [claims.map((c) => c.requestId), claims.map((c) => c.attempts)];
const CLAIMED = `("requestId", "attempts") IN (SELECT * FROM unnest($2::text[], $3::int[]))`;

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

    renewForwards: async (
      owner: string,
      claims: ForwardClaim[],
      leaseUntil: number,
    ): Promise<{ held: string[]; takenOver: string[] }> => {
      if (claims.length === 0) return { held: [], takenOver: [] };
      const rows = await client.$queryRawUnsafe<{ requestId: string }[]>(
        `UPDATE "ForwardJob" SET "leaseUntil" = $4 WHERE "claimedBy" = $1 AND ${CLAIMED} RETURNING "requestId"`,
        owner,
        ...claimArrays(claims),
        leaseUntil,
      );
      const held = rows.map((r) => r.requestId);
      const still = await client.$queryRawUnsafe<{ requestId: string }[]>(
        `SELECT "requestId" FROM "ForwardJob" WHERE "requestId" = ANY($1::text[])`,
        claims.map((c) => c.requestId),
      );
      const kept = new Set(held);
      return { held, takenOver: still.map((r) => r.requestId).filter((id) => !kept.has(id)) };
    },

    // The bin's next capture queues behind bins that have waited since before now: bins take turns.
    finishForward: async (owner: string, claim: ForwardClaim, now: number): Promise<void> => {
      await client.$executeRawUnsafe(FINISH, claim.requestId, claim.attempts, owner, now);
    },

    retryForward: async (owner: string, claim: ForwardClaim, availableAt: number): Promise<void> => {
      await client.$executeRawUnsafe(
        `UPDATE "ForwardJob" SET "claimedBy" = NULL, "leaseUntil" = NULL, "availableAt" = $1
         WHERE "requestId" = $2 AND "attempts" = $3 AND "claimedBy" = $4`,
        availableAt,
        claim.requestId,
        claim.attempts,
        owner,
      );
    },

    releaseForwards: async (owner: string, claims: ForwardClaim[]): Promise<void> => {
      if (claims.length === 0) return;
      await client.$executeRawUnsafe(
        `UPDATE "ForwardJob" SET "claimedBy" = NULL, "leaseUntil" = NULL WHERE "claimedBy" = $1 AND ${CLAIMED}`,
        owner,
        ...claimArrays(claims),
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
