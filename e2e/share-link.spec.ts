import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, send } from "./support";

test("a share link made in settings shows requests live to another browser, which can change nothing", async ({
  page,
  browser,
  request,
}) => {
  const bin = await createBin(request);
  await openInspector(page, bin);
  await page.getByText("Settings").click();
  const shares = page.getByRole("region", { name: "Share links" });
  await shares.getByRole("textbox", { name: "Share link name (optional)" }).fill("for the partner");
  await shares.getByRole("button", { name: "Create share link" }).click();
  const link = shares.getByTestId("share-links").getByRole("listitem");
  await expect(link).toHaveCount(1);
  await expect(link).toContainText("for the partner");
  const shareUrl = (await link.locator("code").textContent()) ?? "";
  expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]{20,}$/);

  const reader = await browser.newContext();
  await reader.grantPermissions(["clipboard-read", "clipboard-write"]);
  const shared = await reader.newPage();
  await shared.goto(shareUrl);
  await expect(shared).toHaveTitle("Shared inspector — Hookscope");
  await expect(shared.getByTestId("connection-state")).toHaveAttribute("data-state", "live");

  await send(bin, "/orders/created?attempt=1", {
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ order: 42 }),
  });
  const row = requestList(shared).getByRole("option").first();
  await expect(row).toContainText("/orders/created");
  await row.click();
  const detail = shared.getByRole("article");
  await expect(detail.getByRole("heading", { level: 2 })).toContainText("/orders/created");
  await expect(detail.getByRole("region", { name: "JSON body" }).getByText("42")).toBeVisible();
  await expect(detail.getByRole("link", { name: "Download" })).toBeVisible();

  await detail.getByRole("button", { name: "Copy as…" }).click();
  await detail.getByRole("button", { name: "Copy as curl" }).click();
  const curl = await shared.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain("'https://your-endpoint.example/orders/created?attempt=1'");

  // Nothing that changes the bin is on the page at all, not even disabled.
  for (const name of [/Resend/, /^Delete$/, /Clear all/, /Rotate/, /Create share link/, /Revoke/, /Save/]) {
    await expect(shared.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(shared.getByText("Settings")).toHaveCount(0);
  await expect(shared.getByTestId("capture-url")).toHaveCount(0);
  await expect(shared.getByRole("textbox", { name: /Forward|Resend|URL/i })).toHaveCount(0);
  const html = await shared.content();
  expect(html).not.toContain(bin.token);
  expect(html).not.toContain(bin.key);

  // Revoked in the owner's settings: the reader's stream ends and the link is gone.
  await link.getByRole("button", { name: "Revoke" }).click();
  await expect(link).toHaveCount(0);
  await expect(shared.getByTestId("connection-state")).toHaveAttribute("data-state", "gone");
  await expect(shared.getByTestId("connection-state")).toHaveText("Link revoked");
  await reader.close();
});
