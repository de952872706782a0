// Start-up migrations: applied before the server listens, skipped when the database is up to
// date, and a migration the schema engine refuses stops the start with its reason.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupServers, ON_POSTGRES, ROOT, startServer, startServerExpectingFailure } from "./support/server.ts";

afterAll(cleanupServers);

const migrationNames = fs
  .readdirSync(path.join(ROOT, "prisma", "migrations"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

// These read and edit the SQLite file; PostgreSQL's migrations are tested in
// lib/db/migrate-postgres.test.ts.
describe.skipIf(ON_POSTGRES)("start-up migrations", () => {
  it("are applied to a new database before the server listens, and not again after a restart", async () => {
    const first = await startServer();
    expect(first.logs()).toContain(`applied migrations: ${migrationNames.join(", ")}`);
    const created = await fetch(`${first.url}/api/bins`, { method: "POST" });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    await first.stop();

    const restarted = await startServer({ dbFile: first.dbFile });
    try {
      expect(restarted.logs()).not.toContain("applied migrations");
      expect((await fetch(`${restarted.url}/api/bins/${key}`)).status).toBe(200);
    } finally {
      await restarted.stop();
    }
  });

  it("stop the start-up with the schema engine's reason when a migration had failed", async () => {
    const server = await startServer();
    await server.stop();
    const failed = migrationNames.at(-1) as string;
    const db = new Database(server.dbFile);
    db.prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?").run(failed);
    db.close();

    const { code, output } = await startServerExpectingFailure({ DATABASE_URL: `file:${server.dbFile}` });
    expect(code).toBe(1);
    expect(output).toContain("failed to start");
    expect(output).toContain("failed migrations");
    expect(output).toContain(failed);
    expect(output).not.toContain("listening on");
  });
});
