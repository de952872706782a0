// Requests read from a file (a HAR import) stored as captures of a bin, through Prisma: one
// transaction per import, seqs taken from the bin's counter like the capture writers take them.
import { isUtf8 } from "node:buffer";
import { MAX_TEXT_BYTES } from "../../body/detect.ts";
import { ApiError } from "../../errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SummaryRow } from "../../requests/serialize.ts";
import type { ImportedRequest } from "../types.ts";
import { summarySelect } from "./request-rows.ts";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface ImportOptions {
  /** Whether a text column may hold a NUL character (PostgreSQL's cannot: such a body is stored as bytes). */
  textHoldsNul: boolean;
  /** Runs last in the transaction with the bin's newest seq: how other instances learn of the new rows. */
  announce?: (tx: Tx, binId: string, newestSeq: number) => Promise<unknown>;
}

/** As the capture writers store a body (lib/capture/columns.ts): searchable text when it can be, else bytes. */
function bodyColumns(body: Buffer, textHoldsNul: boolean) {
  const asText = body.length <= MAX_TEXT_BYTES && isUtf8(body) && (textHoldsNul || !body.includes(0));
  return {
    bodySize: body.length,
    bodyText: asText ? body.toString("utf8") : null,
    body: asText ? null : new Uint8Array(body),
  };
}

export function sqliteImports(client: PrismaClient, options: ImportOptions) {
  return {
    importRequests: async (
      binId: string,
      requests: ImportedRequest[],
      importedAt: Date,
      maxRequestsPerBin: number,
    ): Promise<SummaryRow[]> =>
      client.$transaction(async (tx) => {
        const n = requests.length;
        // The increment takes the bin's row (on PostgreSQL, until commit), as a capture commit does.
        const counted = await tx.bin.updateMany({
          where: { id: binId },
          data: { nextSeq: { increment: n }, requestCount: { increment: n } },
        });
        if (counted.count === 0) throw new ApiError("bin_not_found", "The bin was deleted.");
        const bin = await tx.bin.findUniqueOrThrow({
          where: { id: binId },
          select: { nextSeq: true, requestCount: true, lastRequestAt: true },
        });
        const first = bin.nextSeq - n;
        if (n > 0) {
          await tx.capturedRequest.createMany({
            data: requests.map((r, i) => ({
              id: r.id,
              binId,
              seq: first + i,
              method: r.method,
              url: r.url,
              path: r.path,
              query: r.query,
              httpVersion: r.httpVersion,
              headers: JSON.stringify(r.headers),
              contentType: r.contentType,
              ...bodyColumns(r.body, options.textHoldsNul),
              ip: r.ip,
              receivedAt: r.receivedAt,
              importedAt,
            })),
          });
        }
        let count = bin.requestCount;
        if (count > maxRequestsPerBin) count -= await dropOldest(tx, binId, count - maxRequestsPerBin);
        // An import is activity on the bin: its idle time counts from now, not from the file's times.
        const later = bin.lastRequestAt !== null && bin.lastRequestAt > importedAt;
        const lastRequestAt = n > 0 && !later ? importedAt : bin.lastRequestAt;
        await tx.bin.update({ where: { id: binId }, data: { requestCount: count, lastRequestAt } });
        if (n > 0) await options.announce?.(tx, binId, first + n - 1);
        return tx.capturedRequest.findMany({
          where: { binId, seq: { gte: first } },
          select: summarySelect,
          orderBy: { seq: "asc" },
        });
      }),
  };
}

async function dropOldest(tx: Tx, binId: string, excess: number): Promise<number> {
  const oldest = await tx.capturedRequest.findMany({
    where: { binId },
    select: { id: true },
    orderBy: { seq: "asc" },
    take: excess,
  });
  const { count } = await tx.capturedRequest.deleteMany({ where: { id: { in: oldest.map((r) => r.id) } } });
  return count;
}
