import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, screenshot, send } from "./support";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

test("on a phone the list and the detail take the screen in turn", async ({ page, request }) => {
  const bin = await createBin(request);
  await send(bin, "/shopify/orders/create", {
    headers: { "Content-Type": "application/json", "X-Shopify-Topic": "orders/create" },
    body: '{"id":820982911946154497,"email":"jon@example.com","total_price":"199.00"}',
  });
  await openInspector(page, bin);
  const list = requestList(page);
  await expect(list).toBeVisible();
  await screenshot(page, "phone-list");

  await list.getByRole("option").first().click();
  const detail = page.getByRole("article");
  await expect(detail.getByRole("region", { name: "JSON body" }).getByText('"jon@example.com"')).toBeVisible();
  await expect(list).toBeHidden();
  // Shopify ids do not fit a JavaScript number: the tree says so instead of silently rounding.
  await expect(detail.getByTestId("lossy-numbers")).toContainText("820982911946154497");
  await screenshot(page, "phone-detail");

  await detail.getByRole("button", { name: "Back to the request list" }).click();
  await expect(list).toBeVisible();
  await expect(detail).toHaveCount(0);
});
