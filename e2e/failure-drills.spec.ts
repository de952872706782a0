import { expect, test } from "@playwright/test";
import { type Bin, createBin, openInspector, requestList, screenshot } from "./support";

/**
 * A sender that retries like Standard Webhooks senders do: the same webhook-id on every attempt,
 * exponential backoff from a small first wait, until a 2xx answer (or it gives up).
 */
async function deliverWithRetries(bin: Bin, event: { id: string; body: string }) {
  const statuses: number[] = [];
  let wait = 20;
  for (let attempt = 1; attempt <= 6; attempt++) {
    const res = await fetch(`${bin.captureUrl}/events`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "webhook-id": event.id,
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
      },
      body: event.body,
    });
    await res.arrayBuffer();
    statuses.push(res.status);
    if (res.ok) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait *= 2;
  }
  return statuses;
}

test("fail first 2, set in the panel: a retrying sender's third attempt succeeds, shown as one event", async ({
  page,
  request,
}) => {
  const bin = await createBin(request);
  await openInspector(page, bin);
  await page.getByText("Settings").click();
  await page.getByRole("button", { name: "Edit answer rules" }).click();
  const editor = page.getByRole("dialog", { name: "Answer rules" });
  await editor.getByRole("button", { name: "Add rule" }).click();
  const rule = editor.getByRole("region", { name: "Rule 1" });
  await rule.getByRole("textbox", { name: "Rule 1 name" }).fill("flaky handler");
  await rule.getByLabel("Method").fill("POST");
  await rule.getByLabel("Fail", { exact: true }).selectOption({ label: "the first N deliveries of each event" });
  await rule.getByLabel("Deliveries to fail").fill("2");
  await rule.getByLabel("Failure", { exact: true }).selectOption({ label: "an error status" });
  await rule.getByLabel("Error status").fill("503");
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(editor.getByRole("status")).toHaveText("Saved");
  await editor.getByRole("button", { name: "Close" }).click();
  await page.getByText("Settings").click();

  const statuses = await deliverWithRetries(bin, {
    id: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
    body: JSON.stringify({ type: "invoice.paid", data: { id: "in_1" } }),
  });
  expect(statuses).toEqual([503, 503, 200]);

  // Newest first: the third attempt at the top, answered 200; the first at the bottom, answered 503.
  const rows = requestList(page).getByRole("option");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("attempt 3");
  await expect(rows.nth(0)).toContainText("200");
  await expect(rows.nth(1)).toContainText("attempt 2");
  await expect(rows.nth(1)).toContainText("503");
  await expect(rows.nth(2)).not.toContainText("attempt");
  await expect(rows.nth(2)).toContainText("503");

  await rows.nth(0).click();
  const detail = page.getByRole("article");
  const timeline = detail
    .getByRole("region", { name: "Deliveries" })
    .getByRole("list", { name: "Deliveries of this event" });
  const deliveries = timeline.getByRole("listitem");
  await expect(deliveries).toHaveCount(3);
  await expect(deliveries.nth(0)).toContainText("attempt 1");
  await expect(deliveries.nth(0)).toContainText("503");
  await expect(deliveries.nth(1)).toContainText("attempt 2");
  await expect(deliveries.nth(2)).toContainText("attempt 3");
  await expect(deliveries.nth(2)).toContainText("this request");
  await expect(deliveries.nth(2)).toContainText("200");
  // The gaps show the sender's backoff.
  await expect(deliveries.nth(1)).toContainText("after the previous one");
  await screenshot(page, "failure-drill-timeline");

  // The preview tells the same story: the first delivery meets the drill, the third the answer.
  await page.getByText("Settings").click();
  await page.getByRole("button", { name: "Edit answer rules" }).click();
  const preview = editor.getByRole("region", { name: "Rules preview" });
  const select = preview.getByLabel("To the captured request");
  await expect(select.locator("option:checked")).toContainText("#3");
  await preview.getByRole("button", { name: "Preview" }).click();
  const result = preview.getByTestId("rules-preview-result");
  await expect(result).toContainText("delivery 3 of its event");
  await expect(result.getByTestId("preview-status")).toHaveText("200");
  await select.selectOption((await select.locator("option", { hasText: /^#1 / }).getAttribute("value")) ?? "");
  await preview.getByRole("button", { name: "Preview" }).click();
  await expect(result).toContainText("failure drill fires");
  await expect(result).toContainText("delivery 1 of its event");
  await expect(result.getByTestId("preview-status")).toHaveText("503");
});
