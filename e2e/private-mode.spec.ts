import { expect, test } from "@playwright/test";
import { cleanupServers, freePort, startServer } from "../tests/support/server";

test.afterAll(cleanupServers);

const ACCESS_KEY = "e2e-access-key-".padEnd(40, "x");

test("in private mode a teammate signs in, creates a bin and shares it read-only; the link's reader sees requests live and can change nothing; a sender's browser only gets the sign-in page", async ({
  browser,
}) => {
  const port = await freePort();
  const server = await startServer({
    env: { PORT: String(port), ACCESS_MODE: "private", ACCESS_KEYS: ACCESS_KEY },
  });
  const teammate = await browser.newContext();
  const reader = await browser.newContext();
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

    // A read-only link for a customer, who does not sign in.
    await page.getByText("Settings").click();
    const shares = page.getByRole("region", { name: "Share links" });
    await shares.getByRole("button", { name: "Create share link" }).click();
    const shareUrl =
      (await shares.getByTestId("share-links").getByRole("listitem").locator("code").textContent()) ?? "";
    expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]{20,}$/);
    const shared = await reader.newPage();
    await shared.goto(shareUrl);
    await expect(shared).toHaveURL(shareUrl);
    await expect(shared.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    const readerRows = shared.getByRole("listbox", { name: /Captured requests/ }).getByRole("option");
    await expect(readerRows).toHaveCount(1);
    expect((await fetch(`${captureUrl}/refund`, { method: "POST", body: '{"refund":true}' })).status).toBe(200);
    await expect(readerRows).toHaveCount(2);
    await expect(readerRows.first()).toContainText("/refund");
    for (const name of [/Resend/, /^Delete$/, /Clear all/, /Rotate/, /Create share link/, /Revoke/, /Save/]) {
      await expect(shared.getByRole("button", { name })).toHaveCount(0);
    }
    await expect(shared.getByText("Settings")).toHaveCount(0);
    // The reader is not signed in: the home page sends them to sign in.
    await shared.goto(`${server.url}/`);
    await expect(shared).toHaveURL(/\/signin\?next=%2F$/);

    // Back home, the teammate sees every bin of the instance.
    await page.goto(`${server.url}/`);
    const allBins = page.getByRole("region", { name: "All bins" });
    await expect(allBins.getByRole("link", { name: /Unnamed bin.*2 requests/ })).toHaveAttribute(
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
    await Promise.all([teammate.close(), reader.close(), sender.close()]);
    await server.stop();
  }
});
