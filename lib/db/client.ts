// The one Prisma client of the process. The custom server and Next's bundle each load their own
// copy of this module, so the client lives on globalThis and both share one connection.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { getEnv } from "../env.ts";
import { PrismaClient } from "../generated/prisma/client.ts";

const globalForDb = globalThis as unknown as { __hookscopePrisma?: PrismaClient };

function createClient(): PrismaClient {
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
