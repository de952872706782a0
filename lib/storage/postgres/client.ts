// Prisma clients on PostgreSQL, through @prisma/adapter-pg. The server's client is one per
// process: the custom server and Next's bundle each load their own copy of this module, so it
// lives on globalThis and both share one pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma-postgres/client.ts";
import { poolConfig } from "./pool-config.ts";

export interface PostgresOptions {
  url: string;
  /** How long a statement may wait for a lock (lock_timeout). */
  lockTimeoutMs: number;
  /** How long a statement may run (statement_timeout). */
  statementTimeoutMs: number;
  /** Connections in the pool. */
  poolSize: number;
}

/** Session settings every connection gets, on top of poolConfig's time zone. */
export function sessionOptions(o: Pick<PostgresOptions, "lockTimeoutMs" | "statementTimeoutMs">): string {
  return `-c TimeZone=UTC -c lock_timeout=${o.lockTimeoutMs} -c statement_timeout=${o.statementTimeoutMs}`;
}

/** A client of its own (the contract suite opens one per database). */
export function openPostgresClient(options: PostgresOptions): PrismaClient {
  const adapter = new PrismaPg(poolConfig(options.url, { max: options.poolSize, options: sessionOptions(options) }));
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __hookscopePostgres?: PrismaClient };

/** The process's client. */
export function postgresDb(options: PostgresOptions): PrismaClient {
  globalForDb.__hookscopePostgres ??= openPostgresClient(options);
  return globalForDb.__hookscopePostgres;
}

export async function disconnectPostgresDb(): Promise<void> {
  const client = globalForDb.__hookscopePostgres;
  globalForDb.__hookscopePostgres = undefined;
  await client?.$disconnect();
}
