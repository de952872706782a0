import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./db/migrate.ts";
import { newId, newToken } from "./ids.ts";
import { pruneIdleBins } from "./retention.ts";
import { db, disconnectDb } from "./storage/sqlite/client.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookscope-retention-"));
const file = path.join(dir, "retention.db");
process.env.DATABASE_URL = `file:${file}`;

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 29, 12);

beforeAll(async () => {
  await applyMigrations(file);
});
afterAll(async () => {
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function bin(createdDaysAgo: number, lastRequestDaysAgo: number | null): Promise<string> {
  const id = newId();
  await db().bin.create({
    data: {
      id,
      token: newToken(),
      key: newToken(),
      createdAt: new Date(NOW - createdDaysAgo * DAY),
      lastRequestAt: lastRequestDaysAgo === null ? null : new Date(NOW - lastRequestDaysAgo * DAY),
      response: "{}",
    },
  });
  return id;
}

const exists = async (id: string) => (await db().bin.findUnique({ where: { id } })) !== null;

describe("pruneIdleBins", () => {
  it("deletes bins untouched for the idle time, counting from creation or the last capture", async () => {
    const neverUsedOld = await bin(31, null);
    const neverUsedNew = await bin(29, null);
    const oldBinRecentCapture = await bin(100, 2);
    const oldBinOldCapture = await bin(100, 45);

    expect(await pruneIdleBins(30, NOW)).toBe(2);

    expect(await exists(neverUsedOld)).toBe(false);
    expect(await exists(oldBinOldCapture)).toBe(false);
    expect(await exists(neverUsedNew)).toBe(true);
    expect(await exists(oldBinRecentCapture)).toBe(true);
  });

  it("keeps every bin when the idle time is 0", async () => {
    const ancient = await bin(3650, null);
    expect(await pruneIdleBins(0, NOW)).toBe(0);
    expect(await exists(ancient)).toBe(true);
  });

  it("deletes more bins than one batch holds", async () => {
    await db().bin.deleteMany({});
    for (let i = 0; i < 620; i++) await bin(40, null);
    expect(await pruneIdleBins(30, NOW)).toBe(620);
    expect(await db().bin.count()).toBe(0);
  });
});
