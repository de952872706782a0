import { expect, test } from "@playwright/test";
import { cleanupServers, freePort, startServer } from "../tests/support/server";

test.afterAll(cleanupServers);

test("the inspector shows reconnecting while the server restarts, then what arrived meanwhile", async ({ page }) => {
  const port = await freePort();
  let server = await startServer({ env: { PORT: String(port) } });
  try {
    const bin = (await (await fetch(`${server.url}/api/bins`, { method: "POST" })).json()) as {
      token: string;
      key: string;
    };
    await page.goto(`${server.url}/b/${bin.key}`);
    const state = page.getByTestId("connection-state");
    await expect(state).toHaveAttribute("data-state", "live");
    await fetch(`${server.url}/h/${bin.token}/before`, { method: "POST", body: "before" });
    const options = page.getByRole("listbox", { name: /Captured requests/ }).getByRole("option");
    await expect(options).toHaveCount(1);

    await server.stop();
    await expect(state).toHaveAttribute("data-state", "reconnecting");
    server = await startServer({ dbFile: server.dbFile, env: { PORT: String(port) } });
    // Sent while the inspector is still reconnecting: it must show up once the stream resumes.
    await fetch(`${server.url}/h/${bin.token}/during`, { method: "POST", body: "during" });
    await expect(state).toHaveAttribute("data-state", "live", { timeout: 15_000 });
    await expect(options).toHaveCount(2);
    await expect(options.first()).toContainText("/during");
    await fetch(`${server.url}/h/${bin.token}/after`, { method: "POST", body: "after" });
    await expect(options).toHaveCount(3);
  } finally {
    await server.stop();
  }
});
