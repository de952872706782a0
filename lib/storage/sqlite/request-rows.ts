// The shapes of CapturedRequest reads that several SQLite queries share.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { RowFilter } from "../types.ts";

export const summarySelect = {
  id: true,
  seq: true,
  method: true,
  path: true,
  query: true,
  contentType: true,
  bodySize: true,
  ip: true,
  receivedAt: true,
  deliveryKey: true,
  attempt: true,
  answer: true,
  importedAt: true,
} as const;

export function binFilter(binId: string, { methods, redelivered }: RowFilter): Prisma.CapturedRequestWhereInput {
  const where: Prisma.CapturedRequestWhereInput = { binId };
  if (methods) where.method = methods.length === 1 ? methods[0] : { in: methods };
  if (redelivered) where.attempt = { gt: 1 };
  return where;
}
