// DATABASE_URL's scheme picks the storage at start-up: a PostgreSQL URL stops the server with a
// message saying PostgreSQL is not available yet, before anything listens, and without its password.
import { afterAll, describe, expect, it } from "vitest";
import { cleanupServers, startServerExpectingFailure } from "./support/server.ts";

afterAll(cleanupServers);

describe("storage selection", () => {
  it("refuses a postgres:// DATABASE_URL at start-up", async () => {
    const { code, output } = await startServerExpectingFailure({
      DATABASE_URL: "postgres://hookscope:s3cret@127.0.0.1:5432/hookscope",
    });
    expect(code).toBe(1);
    expect(output).toContain("DATABASE_URL");
    expect(output).toContain("PostgreSQL is not available yet");
    expect(output).not.toContain("s3cret");
    expect(output).not.toContain("listening on");
  });
});
