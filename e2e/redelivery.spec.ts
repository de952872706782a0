import { createHmac, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, screenshot, send } from "./support";

/** A GitHub delivery as GitHub sends it, again on every redelivery: the same X-GitHub-Delivery. */
function githubDelivery(deliveryId: string) {
  const body = JSON.stringify({ zen: "Design for failure.", hook_id: 42, hook: { type: "Repository" } });
  const signature = createHmac("sha256", "e2e-secret").update(body).digest("hex");
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "GitHub-Hookshot/044aadd",
      "X-GitHub-Delivery": deliveryId,
      "X-GitHub-Event": "ping",
      "X-Hub-Signature-256": `sha256=${signature}`,
    },
  };
}

test("a delivery sent three times shows as attempt 3 with a three-entry timeline", async ({ page, request }) => {
  const bin = await createBin(request);
  const deliveryId = randomUUID();
  const first = await send(bin, "/github", githubDelivery(deliveryId));
  await send(bin, "/github", githubDelivery(deliveryId));
  await openInspector(page, bin);
  // The third arrives live.
  await send(bin, "/github", githubDelivery(deliveryId));
  const options = requestList(page).getByRole("option");
  await expect(options).toHaveCount(3);
  await expect(options.first()).toContainText("attempt 3");
  await expect(options.nth(1)).toContainText("attempt 2");
  await expect(options.nth(2)).not.toContainText("attempt");

  // Only the redeliveries, kept in the URL.
  await page.getByLabel("Redeliveries").check();
  await expect(options).toHaveCount(2);
  await expect(page).toHaveURL(/redelivered=true/);
  await page.reload();
  await expect(page.getByLabel("Redeliveries")).toBeChecked();
  await expect(options).toHaveCount(2);

  await options.first().click();
  const detail = page.getByRole("article");
  await expect(detail.getByText(`github:${deliveryId}`)).toBeVisible();
  const timeline = detail.getByRole("list", { name: "Deliveries of this event" });
  const entries = timeline.getByTestId("delivery");
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText("attempt 1");
  await expect(entries.nth(0)).toContainText("first delivery");
  await expect(entries.nth(1)).toContainText("after the previous one");
  await expect(entries.nth(2)).toContainText("this request");
  await screenshot(page, "redelivery-timeline");

  // The first delivery is one click away, though the filter hides it from the list.
  await detail.getByRole("link", { name: /#1,/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`r=${first}`));
  await expect(detail.getByTestId("delivery").nth(0)).toContainText("this request");
});

test("a hostile delivery key is shown as text in the list, the overview and the timeline", async ({
  page,
  request,
}) => {
  const hostile = `<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>`;
  const bin = await createBin(request);
  for (let i = 0; i < 2; i++) await send(bin, "/", { headers: { "Idempotency-Key": hostile }, body: "{}" });
  await openInspector(page, bin);
  const options = requestList(page).getByRole("option");
  await expect(options.first()).toContainText("attempt 2");
  await options.first().click();
  const detail = page.getByRole("article");
  await expect(detail.getByText(`idempotency-key:${hostile}`)).toBeVisible();
  await expect(detail.getByTestId("delivery")).toHaveCount(2);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
});
