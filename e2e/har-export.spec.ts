import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, send } from "./support";

test("a bin exported as HAR from the inspector imports into another bin, which shows the same requests as imported", async ({
  page,
  request,
}) => {
  const source = await createBin(request);
  await send(source, "/orders/created?attempt=1", {
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ order: 42 }),
  });
  await send(source, "/files", {
    method: "PUT",
    headers: { "Content-Type": "application/octet-stream" },
    body: new Uint8Array([0, 255, 1, 254]),
  });
  await openInspector(page, source);
  await expect(requestList(page).getByRole("option")).toHaveCount(2);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export HAR" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^hookscope-.*\.har$/);
  const file = await download.path();
  const har = JSON.parse(readFileSync(file, "utf8")) as { log: { entries: unknown[] } };
  expect(har.log.entries).toHaveLength(2);

  const target = await createBin(request);
  await openInspector(page, target);
  await page.getByLabel("Import HAR").setInputFiles(file);
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 requests." })).toBeVisible();

  const rows = requestList(page).getByRole("option");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("/files");
  await expect(rows.nth(0)).toContainText("imported");
  await expect(rows.nth(1)).toContainText("/orders/created?attempt=1");
  await rows.nth(1).click();
  const detail = page.getByRole("article");
  await expect(detail.getByRole("region", { name: "JSON body" }).getByText("42")).toBeVisible();
  await expect(detail.getByText("imported", { exact: true })).toBeVisible();
});
