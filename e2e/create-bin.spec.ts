import { expect, test } from "@playwright/test";
import { screenshot } from "./support";

test("the home page creates a bin in one click and opens its inspector", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("exactly what a webhook sender sends");
  await screenshot(page, "home");
  await page.getByRole("button", { name: "Create a capture URL" }).click();

  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{20,}$/);
  const inspectPath = new URL(page.url()).pathname;
  const captureUrl = page.getByTestId("capture-url");
  await expect(captureUrl).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/h\/[A-Za-z0-9_-]{20,}$/);
  const url = (await captureUrl.textContent()) as string;
  await expect(page.getByTestId("empty-curl")).toContainText(`curl -X POST '${url}/hello?source=curl'`);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await screenshot(page, "inspector-empty");

  // The home page now lists the bin this browser created.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Your bins" })).toBeVisible();
  // Its inspect URL holds the key, which the capture URL's token does not reveal.
  expect(inspectPath).not.toBe(url.replace(/^.*\/h\//, "/b/"));
  await expect(page.getByRole("link", { name: /no requests yet/ })).toHaveAttribute("href", inspectPath);
});
