// DATABASE_URL's scheme picks the storage at start-up: a PostgreSQL URL that cannot be reached
// stops the server with a message, before anything listens, and without its password.
import { afterAll, describe, expect, it } from "vitest";
import { cleanupServers, freePort, startServerExpectingFailure } from "./support/server.ts";

afterAll(cleanupServers);

describe("storage selection", () => {
  it("stops at start-up when the postgres:// DATABASE_URL cannot be reached, never showing the password", async () => {
    const port = await freePort();
    const { code, output } = await startServerExpectingFailure({
      DATABASE_URL: `postgres://hookscope:s3cret@127.0.0.1:${port}/hookscope`,
    });
    expect(code).toBe(1);
    expect(output).toContain("failed to start");
    expect(output).toContain("ECONNREFUSED");
    expect(output).not.toContain("s3cret");
    expect(output).not.toContain("listening on");
  });
});
