import { expect, test } from "@playwright/test";
import { cleanupServers, freePort, startServer } from "../tests/support/server";

test.afterAll(cleanupServers);

const ACCESS_KEY = "e2e-access-key-".padEnd(40, "x");

test("in private mode a teammate signs in, creates a bin and watches it; a sender's browser only gets the sign-in page", async ({
  browser,
}) => {
  const port = await freePort();
  const server = await startServer({
    env: { PORT: String(port), ACCESS_MODE: "private", ACCESS_KEYS: ACCESS_KEY },
  });
  const teammate = await browser.newContext();
  const sender = await browser.newContext();
  try {
    const page = await teammate.newPage();
    await page.goto(`${server.url}/`);
    await expect(page).toHaveURL(/\/signin\?next=%2F$/);
    await page.getByLabel("Access key").fill("not-the-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not one of this server's ACCESS_KEYS" })).toBeVisible();
    await page.getByLabel("Access key").fill(ACCESS_KEY);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("exactly what a webhook sender sends");
    // The session cookie is out of reach of the page's scripts.
    expect(await page.evaluate(() => document.cookie)).not.toContain("hookscope_session");

    await page.getByRole("button", { name: "Create a capture URL" }).click();
    await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{20,}$/);
    const inspectUrl = page.url();
    const captureUrl = (await page.getByTestId("capture-url").textContent()) as string;
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    const sent = await fetch(`${captureUrl}/order`, { method: "POST", body: '{"paid":true}' });
    expect(sent.status).toBe(200);
    await expect(page.getByRole("listbox", { name: /Captured requests/ }).getByRole("option")).toHaveCount(1);

    // Back home, the teammate sees every bin of the instance.
    await page.goto(`${server.url}/`);
    const allBins = page.getByRole("region", { name: "All bins" });
    await expect(allBins.getByRole("link", { name: /Unnamed bin.*1 request/ })).toHaveAttribute(
      "href",
      new URL(inspectUrl).pathname,
    );

    // Someone who has only the capture URL, or even the inspect URL, without signing in.
    const outsider = await sender.newPage();
    await outsider.goto(inspectUrl);
    await expect(outsider).toHaveURL(/\/signin\?next=/);
    await expect(outsider.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(outsider.getByText('{"paid":true}')).toHaveCount(0);
    const listed = await outsider.request.get(`${inspectUrl.replace("/b/", "/api/bins/")}/requests`);
    expect(listed.status()).toBe(401);

    // Signing out ends the session.
    await page.goto(`${server.url}/`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto(inspectUrl);
    await expect(page).toHaveURL(/\/signin\?next=/);
  } finally {
    await Promise.all([teammate.close(), sender.close()]);
    await server.stop();
  }
});
