// The one Prisma client of the process. The custom server and Next's bundle each load their own
// copy of this module, so the client lives on globalThis and both share one connection.
import { setFlagsFromString } from "node:v8";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { getEnv } from "../env.ts";
import { PrismaClient } from "../generated/prisma/client.ts";

const globalForDb = globalThis as unknown as { __hookscopePrisma?: PrismaClient };

function createClient(): PrismaClient {
  // Prisma plans queries with a WebAssembly compiler. Left to tier up, V8 also compiles its hot
  // functions with TurboFan, which keeps about 10 MiB more resident for a gain only on query-plan
  // cache misses (rare: the app's queries have few shapes). Set before the first query compiles it.
  setFlagsFromString("--liftoff-only");
  const adapter = new PrismaBetterSqlite3(
    { url: `file:${getEnv().databaseFile}`, timeout: getEnv().DB_BUSY_TIMEOUT_MS },
    { timestampFormat: "unixepoch-ms" },
  );
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForDb.__hookscopePrisma ??= createClient();
  return globalForDb.__hookscopePrisma;
}

export async function disconnectDb(): Promise<void> {
  const client = globalForDb.__hookscopePrisma;
  globalForDb.__hookscopePrisma = undefined;
  await client?.$disconnect();
}
