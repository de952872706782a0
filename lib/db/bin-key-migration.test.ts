// The migration that gave bins a key, on both providers: a database migrated before it holds bins
// with a token only; after it, each of those bins has key == token (its inspect URL keeps working
// until the key is rotated), and a new bin may take a key of its own.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../tests/support/postgres.ts";
import { applyMigrations } from "./migrate.ts";
import { applyPostgresMigrations } from "./migrate-postgres.ts";
import { migrationsDir, postgresMigrationsDir } from "./migration-status.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a migrations folder without the bin_key migration and any after it. */
function migrationsBeforeKeys(dir: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), "hookscope-before-keys-"));
  dirs.push(copy);
  cpSync(dir, copy, { recursive: true });
  const folders = readdirSync(copy)
    .filter((name) => /^\d+_/.test(name))
    .sort();
  const at = folders.findIndex((name) => name.endsWith("_bin_key"));
  expect(at).toBeGreaterThan(0);
  for (const name of folders.slice(at)) rmSync(path.join(copy, name), { recursive: true });
  return copy;
}

const OLD_BINS = [
  ["01a00000-0000-7000-8000-000000000001", "legacyTokenAAAAAAAAAAAAA"],
  ["01a00000-0000-7000-8000-000000000002", "legacyTokenBBBBBBBBBBBBB"],
] as const;
/** The id of the one request stored in an old bin. */
const requestOf = (binId: string) => binId.replace("-8000-", "-9000-");

describe("the bin_key migration", () => {
  it("on SQLite gives every existing bin key = token, keeping its requests", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hookscope-bin-key-"));
    dirs.push(dir);
    const file = path.join(dir, "old.db");
    await applyMigrations(file, migrationsBeforeKeys(migrationsDir));
    const db = new Database(file);
    try {
      for (const [id, token] of OLD_BINS) {
        db.prepare(
          `INSERT INTO Bin (id, token, name, createdAt, requestCount, nextSeq, response) VALUES (?, ?, 'old', 0, 1, 2, '{}')`,
        ).run(id, token);
        db.prepare(
          `INSERT INTO CapturedRequest (id, binId, seq, method, url, path, query, httpVersion, headers, bodySize, ip, receivedAt)
           VALUES (?, ?, 1, 'POST', '/h/x', '/', '', '1.1', '[]', 0, '127.0.0.1', 0)`,
        ).run(requestOf(id), id);
      }
    } finally {
      db.close();
    }

    // The bin_key migration first, then whichever came after it.
    expect((await applyMigrations(file))[0]).toMatch(/_bin_key$/);
    const after = new Database(file, { readonly: true });
    try {
      const bins = after.prepare("SELECT id, token, key, name, requestCount FROM Bin ORDER BY id").all();
      expect(bins).toEqual(OLD_BINS.map(([id, token]) => ({ id, token, key: token, name: "old", requestCount: 1 })));
      expect(after.prepare("SELECT count(*) AS n FROM CapturedRequest").get()).toEqual({ n: 2 });
    } finally {
      after.close();
    }
  });

  it("on PostgreSQL gives every existing bin key = token, keeping its requests", async () => {
    const url = await createDatabase(inject("postgresUrl"));
    await applyPostgresMigrations(url, migrationsBeforeKeys(postgresMigrationsDir));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const [id, token] of OLD_BINS) {
        await client.query(
          `INSERT INTO "Bin" (id, token, name, "createdAt", "requestCount", "nextSeq", response) VALUES ($1, $2, 'old', now(), 1, 2, '{}')`,
          [id, token],
        );
        await client.query(
          `INSERT INTO "CapturedRequest" (id, "binId", seq, method, url, path, query, "httpVersion", headers, "bodySize", ip, "receivedAt")
           VALUES ($1, $2, 1, 'POST', '/h/x', '/', '', '1.1', '[]', 0, '127.0.0.1', now())`,
          [requestOf(id), id],
        );
      }

      expect((await applyPostgresMigrations(url))[0]).toMatch(/_bin_key$/);
      const { rows } = await client.query(`SELECT id, token, key, name, "requestCount" FROM "Bin" ORDER BY id`);
      expect(rows).toEqual(OLD_BINS.map(([id, token]) => ({ id, token, key: token, name: "old", requestCount: 1 })));
      expect((await client.query(`SELECT count(*)::int AS n FROM "CapturedRequest"`)).rows).toEqual([{ n: 2 }]);
      const nullable = await client.query(
        `SELECT is_nullable FROM information_schema.columns WHERE table_name = 'Bin' AND column_name = 'key'`,
      );
      expect(nullable.rows).toEqual([{ is_nullable: "NO" }]);
    } finally {
      await client.end();
    }
  });
});
