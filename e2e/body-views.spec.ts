import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, screenshot, send } from "./support";

test("form, multipart, binary and gzip bodies render in their views", async ({ page, request }) => {
  const bin = await createBin(request);
  await send(bin, "/contact-form", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "payload=%7B%22a%22%3A1%7D&token=abc&token=def",
  });
  const form = new FormData();
  form.append("description", "monthly report");
  form.append(
    "file",
    new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2])], { type: "application/pdf" }),
    "report.pdf",
  );
  const multipart = new Request("http://x", { method: "POST", body: form });
  await send(bin, "/upload", {
    headers: { "Content-Type": multipart.headers.get("content-type") as string },
    body: new Uint8Array(await multipart.arrayBuffer()),
  });
  await send(bin, "/binary", {
    headers: { "Content-Type": "application/octet-stream" },
    body: new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0x41, 0x42, 0x43]),
  });
  await send(bin, "/gzipped", {
    headers: { "Content-Type": "application/json", "Content-Encoding": "gzip" },
    body: new Uint8Array(gzipSync(JSON.stringify({ compressed: "yes indeed" }))),
  });
  await openInspector(page, bin);
  const list = requestList(page);
  const detail = page.getByRole("article");

  await list.getByRole("option", { name: /\/contact-form/ }).click();
  const formTable = detail.getByRole("table", { name: "Form fields, in the order sent" });
  await expect(formTable.getByRole("row", { name: /token/ })).toHaveCount(2);
  await expect(formTable).toContainText('{"a":1}');

  await list.getByRole("option", { name: /\/upload/ }).click();
  const parts = detail.getByRole("table", { name: "Multipart form parts, in the order sent" });
  await expect(parts).toContainText("monthly report");
  await expect(parts).toContainText("report.pdf");
  await expect(parts).toContainText("application/pdf");
  await expect(parts.getByRole("link", { name: /Download/ })).toBeVisible();
  await screenshot(page, "inspector-multipart");

  await list.getByRole("option", { name: /\/binary/ }).click();
  await expect(detail.getByRole("region", { name: /Hex dump/ })).toContainText("de ad be ef 00 41 42 43");
  await expect(detail.getByRole("button", { name: "Copy body" })).toHaveCount(0);

  await list.getByRole("option", { name: /\/gzipped/ }).click();
  await expect(detail.getByTestId("body-facts")).toContainText("gzip");
  await expect(detail.getByText('"yes indeed"')).toBeVisible();
  await detail.getByRole("tab", { name: "Raw" }).click();
  await expect(detail.getByRole("region", { name: /Hex dump/ })).toContainText("1f 8b");
});

test("copy as curl reproduces the request", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const bin = await createBin(request);
  await send(bin, "/hook?x=1", {
    method: "PUT",
    headers: { "Content-Type": "application/json", "X-Sig": "it's" },
    body: '{"a":"b"}',
  });
  await openInspector(page, bin);
  await requestList(page).getByRole("option").first().click();
  await page.getByRole("button", { name: "Copy as…" }).click();
  await page.getByRole("button", { name: "Copy as curl" }).click();
  await expect(page.getByRole("button", { name: "Copy as curl" })).toHaveText("Copied");
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toContain(`curl -X 'PUT' '${bin.captureUrl}/hook?x=1'`);
  expect(command).toContain(`-H 'X-Sig: it'\\''s'`);
  expect(command).toContain(`--data-raw '{"a":"b"}'`);
});
