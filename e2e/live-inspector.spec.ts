import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, screenshot, send } from "./support";

test("a request sent by an HTTP client appears live and opens with headers, query and pretty JSON", async ({
  page,
  request,
}) => {
  const bin = await createBin(request);
  await openInspector(page, bin);

  await send(bin, "/stripe/events?livemode=false&tag=a&tag=b", {
    headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=abc", "X-Dup": "one" },
    body: JSON.stringify({
      id: "evt_123",
      type: "invoice.paid",
      data: { object: { amount_due: 4200, customer: "cus_9" } },
    }),
  });

  const list = requestList(page);
  const row = list.getByRole("option").first();
  await expect(row).toContainText("/stripe/events");
  await expect(row).toContainText("livemode=false");
  await expect(row.getByText("unread")).toBeAttached();
  await expect(page.getByTestId("arrival-announcement")).toHaveText("New POST request to /stripe/events");

  await row.click();
  const detail = page.getByRole("article");
  await expect(detail.getByRole("heading", { level: 2 })).toContainText("/stripe/events");
  await expect(detail.getByRole("row", { name: /Stripe-Signature/ })).toContainText("t=1,v1=abc");
  await expect(
    detail.getByRole("table", { name: "Query parameters, decoded" }).getByRole("row", { name: /tag/ }),
  ).toHaveCount(2);
  await expect(detail.getByRole("region", { name: "JSON body" }).getByText('"invoice.paid"')).toBeVisible();
  await expect(detail.getByRole("region", { name: "JSON body" }).getByText("4200")).toBeVisible();
  await expect(row.getByText("unread")).not.toBeAttached();
  await expect(page).toHaveURL(/[?&]r=/);
  await screenshot(page, "inspector-json");
});

test("200 requests fired from a script all arrive live", async ({ page, request }) => {
  const bin = await createBin(request);
  await openInspector(page, bin);
  const sends = Array.from({ length: 200 }, (_, i) =>
    send(bin, `/burst/${i}`, { headers: { "Content-Type": "application/json" }, body: JSON.stringify({ i }) }),
  );
  await Promise.all(sends);
  await expect(requestList(page)).toHaveAttribute("aria-label", /\(200\)/, { timeout: 15_000 });
  await expect(requestList(page).getByRole("option").first()).toContainText("#200");
  await screenshot(page, "inspector-burst");
});

test("deleting and clearing update the list", async ({ page, request }) => {
  const bin = await createBin(request);
  await send(bin, "/first", { body: "1" });
  await send(bin, "/second", { body: "2" });
  await openInspector(page, bin);
  await requestList(page)
    .getByRole("option", { name: /\/second/ })
    .click();
  await page.getByRole("article").getByRole("button", { name: "Delete" }).click();
  await expect(requestList(page).getByRole("option")).toHaveCount(1);

  await page.getByRole("button", { name: "Clear all" }).click();
  const dialog = page.getByRole("dialog", { name: "Clear all requests?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Clear all" }).click();
  await expect(requestList(page).getByRole("option")).toHaveCount(0);
  await expect(page.getByText("No requests yet.")).toBeVisible();
});
