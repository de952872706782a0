// PostgreSQL's failures as the storage boundary reports them (lib/storage/types.ts): the server
// unreachable or gone, too many connections, disk full, a statement or lock timeout become
// storage_unavailable, counted; ApiErrors pass as they are; anything else is a bug and goes on
// unchanged.
import { ApiError } from "../../errors.ts";
import { recordStorageError } from "../../metrics.ts";
import { type AsyncMethods, withErrorTranslation } from "../translate-errors.ts";

/**
 * SQLSTATE classes and codes that mean "the database cannot serve now": 08 connection failures,
 * 53 insufficient resources (53100 disk full, 53300 too many connections), 57 operator
 * intervention (57014 statement timeout, 57P01 shutdown), 58 system (I/O) errors, and 55P03
 * lock timeout, 40001/40P01 serialization failure and deadlock (a retry may pass).
 */
const UNAVAILABLE_STATE = /^(08|53|57|58)|^(55P03|40001|40P01)$/;

/** Prisma's codes for the same: unreachable, timed out, closed, pool timeout, too many connections. */
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

/** Node's socket errors, and pg's own when a connection ends or cannot be had in time. */
const UNAVAILABLE_NODE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Can't reach database server|too many clients/i;

/** Every code found on the error, its causes and Prisma's driver-adapter details. */
function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== "object" || depth > 4) return [];
  const e = err as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  const own = [e.code, e.originalCode].filter((c): c is string => typeof c === "string");
  return [...own, ...codesOf(e.cause, depth + 1), ...codesOf(e.meta?.driverAdapterError, depth + 1)];
}

export function isPostgresUnavailable(err: unknown): boolean {
  const codes = codesOf(err);
  if (codes.some((c) => UNAVAILABLE_PRISMA.has(c) || UNAVAILABLE_NODE.has(c) || UNAVAILABLE_STATE.test(c))) {
    return true;
  }
  const kind = (err as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } })?.meta?.driverAdapterError
    ?.cause?.kind;
  if (kind && /NotReachable|TooManyConnections|SocketTimeout|ConnectionClosed|TransactionWriteConflict/.test(kind)) {
    return true;
  }
  return err instanceof Error && UNAVAILABLE_MESSAGE.test(err.message);
}

export function translateError(err: unknown): unknown {
  if (err instanceof ApiError || !isPostgresUnavailable(err)) return err;
  recordStorageError();
  return new ApiError(
    "storage_unavailable",
    "The database is unavailable (unreachable, full or busy). Try again shortly.",
  );
}

/** The same methods, each rejecting with translateError's answer. */
export function withStorageErrors<T extends AsyncMethods>(methods: T): T {
  return withErrorTranslation(methods, translateError);
}
