import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, send } from "./support";

test("method and text filters narrow the list and live in the URL", async ({ page, request }) => {
  const bin = await createBin(request);
  await send(bin, "/orders", {
    method: "POST",
    body: '{"customer":"Ada"}',
    headers: { "Content-Type": "application/json" },
  });
  await send(bin, "/orders/1", { method: "PUT", body: "needle in here" });
  await send(bin, "/health", { method: "GET" });
  await openInspector(page, bin);
  const options = requestList(page).getByRole("option");
  await expect(options).toHaveCount(3);

  await page.getByLabel("Filter by method").selectOption("PUT");
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText("/orders/1");
  await expect(page).toHaveURL(/method=PUT/);

  await page.getByLabel("Filter by method").selectOption("");
  await page.getByLabel("Search path, query, headers and body").fill("ada");
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText("/orders");
  await expect(page).toHaveURL(/q=ada/);

  // A reload keeps the filter, and a live arrival that does not match stays out.
  await page.reload();
  await expect(page.getByLabel("Search path, query, headers and body")).toHaveValue("ada");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await send(bin, "/other", { body: "nothing to see" });
  await send(bin, "/ada-again", { body: "x" });
  await expect(options).toHaveCount(2);
  await expect(options.first()).toContainText("/ada-again");
});
