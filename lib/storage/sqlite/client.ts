// Prisma clients on SQLite. The server's client is one per process: the custom server and Next's
// bundle each load their own copy of this module, so it lives on globalThis and both share one
// connection.
import { setFlagsFromString } from "node:v8";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { getEnv } from "../../env.ts";
import { PrismaClient } from "../../generated/prisma/client.ts";

const globalForDb = globalThis as unknown as { __hookscopePrisma?: PrismaClient };

/** A client of its own on the SQLite file (the contract suite opens one per database). */
export function openClient(file: string, busyTimeoutMs: number): PrismaClient {
  // Prisma plans queries with a WebAssembly compiler. Left to tier up, V8 also compiles its hot
  // functions with TurboFan, which keeps about 10 MiB more resident for a gain only on query-plan
  // cache misses (rare: the app's queries have few shapes). Set before the first query compiles it.
  setFlagsFromString("--liftoff-only");
  const adapter = new PrismaBetterSqlite3(
    { url: `file:${file}`, timeout: busyTimeoutMs },
    { timestampFormat: "unixepoch-ms" },
  );
  return new PrismaClient({ adapter });
}

/** The process's client, on DATABASE_URL's file. */
export function db(): PrismaClient {
  const file = getEnv().databaseFile;
  if (file === null) throw new Error("DATABASE_URL does not name a SQLite file");
  globalForDb.__hookscopePrisma ??= openClient(file, getEnv().DB_BUSY_TIMEOUT_MS);
  return globalForDb.__hookscopePrisma;
}

export async function disconnectDb(): Promise<void> {
  const client = globalForDb.__hookscopePrisma;
  globalForDb.__hookscopePrisma = undefined;
  await client?.$disconnect();
}
