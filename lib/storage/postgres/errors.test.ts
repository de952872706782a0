// PostgreSQL's failures as storage_unavailable, on a real cluster (tests/support/postgres.ts): a
// server that refuses connections, and a statement that runs past statement_timeout. (A lock
// wait past lock_timeout is in the contract suite.)
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createDatabase, freePort } from "../../../tests/support/postgres.ts";
import type { CaptureRow } from "../../capture/writer-protocol.ts";
import { applyPostgresMigrations } from "../../db/migrate-postgres.ts";
import { ApiError } from "../../errors.ts";
import { newId, newToken } from "../../ids.ts";
import { openPostgresClient } from "./client.ts";
import { createPostgresServer } from "./server.ts";
import { createPostgresStorage } from "./storage.ts";

async function codeOf(work: Promise<unknown>): Promise<string | null> {
  return work.then(
    () => null,
    (err: unknown) => (err instanceof ApiError ? err.code : `not an ApiError: ${String(err)}`),
  );
}

const row = (binId: string): CaptureRow => ({
  id: newId(),
  binId,
  token: "x",
  method: "POST",
  url: "/h/x",
  path: "/",
  query: "",
  httpVersion: "1.1",
  rawHeaders: [],
  contentType: null,
  body: new Uint8Array(),
  bodySize: 0,
  ip: "203.0.113.9",
  receivedAt: Date.now(),
  deliveryKey: null,
  answer: null,
});

describe("PostgreSQL unavailable", () => {
  it("reports a server that refuses connections as storage_unavailable, reads and captures alike", async () => {
    const url = `postgresql://hookscope@127.0.0.1:${await freePort()}/hookscope`;
    const options = { url, lockTimeoutMs: 100, statementTimeoutMs: 1000 };
    const storage = createPostgresStorage(openPostgresClient({ ...options, poolSize: 1 }));
    const writer = createPostgresServer(options).openCaptureWriter({
      maxRequestsPerBin: 10,
      forwardQueuePerBin: 10,
      forwardQueueMax: 10,
    });
    try {
      expect(await codeOf(storage.ping())).toBe("storage_unavailable");
      expect(await codeOf(storage.findBinByKey("anything"))).toBe("storage_unavailable");
      expect(await writer.write(row("bin"))).toMatchObject({ ok: false, code: "storage_unavailable" });
    } finally {
      await writer.close();
      await storage.close();
    }
  });

  it("reports a statement that runs past statement_timeout as storage_unavailable", async () => {
    const url = await createDatabase(inject("postgresUrl"));
    await applyPostgresMigrations(url);
    const storage = createPostgresStorage(
      openPostgresClient({ url, lockTimeoutMs: 60_000, statementTimeoutMs: 200, poolSize: 1 }),
    );
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE "Bin" IN ACCESS EXCLUSIVE MODE`);
      const bin = {
        id: newId(),
        token: newToken(),
        key: newToken(),
        name: null,
        createdAt: new Date(),
        response: "{}",
      };
      expect(await codeOf(storage.createBin(bin))).toBe("storage_unavailable");
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
      await storage.close();
    }
  });
});
