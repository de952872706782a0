import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, send } from "./support";

const XSS = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><svg onload="window.__pwned = 3">`;

test("script and event-handler payloads in body, headers and path render as text and run nothing", async ({
  page,
  request,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const bin = await createBin(request);
  await openInspector(page, bin);

  for (const contentType of ["text/html", "application/json", "image/svg+xml", "application/xml"]) {
    await send(bin, `/x/%3Cscript%3Ealert(1)%3C%2Fscript%3E?q=<img src=x onerror=alert(1)>`, {
      headers: { "Content-Type": contentType, "X-Evil": `<img src=x onerror="alert('header')">` },
      body: contentType === "application/json" ? JSON.stringify({ html: XSS }) : XSS,
    });
  }
  const options = requestList(page).getByRole("option");
  await expect(options).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await options.nth(i).click();
    const detail = page.getByRole("article");
    await expect(detail.getByRole("row", { name: /X-Evil/ })).toContainText(`<img src=x onerror="alert('header')">`);
    await expect(detail.getByText(/window\.__pwned = 1/).first()).toBeVisible();
  }
  // Nothing from the payload became markup: no injected elements, no handlers run, no dialogs.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], [onerror], [onload]').count()).toBe(0);
  expect(
    await page.evaluate(() => [...document.scripts].filter((s) => s.text.includes("window.__pwned =")).length),
  ).toBe(0);
  expect(dialogs).toEqual([]);
});

test("a JSON body nested 400,000 levels deep is shown as text with a note, and nothing breaks", async ({
  page,
  request,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const bin = await createBin(request);
  const depth = 400_000;
  await send(bin, "/deep", {
    headers: { "Content-Type": "application/json" },
    body: `${"[".repeat(depth)}1${"]".repeat(depth)}`,
  });
  await openInspector(page, bin);
  await requestList(page)
    .getByRole("option", { name: /\/deep/ })
    .click();
  const detail = page.getByRole("article");

  await expect(detail.getByText(/nested more than 100 levels deep/)).toBeVisible();
  await expect(detail.getByRole("region", { name: "Body text" })).toContainText("[[[[1]]]]");
  await expect(detail.getByRole("region", { name: "JSON body" })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("multipart file names are made safe for download and shown as sent", async ({ page, request }) => {
  const bin = await createBin(request);
  const boundary = "hostile-names";
  const filePart = (field: string, filename: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\nMZ, not a picture\r\n`;
  await send(bin, "/upload", {
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body: `${filePart("spoofed", "../../etc/\u202Egnp.exe")}${filePart("device", "CON.txt")}--${boundary}--\r\n`,
  });
  await openInspector(page, bin);
  await requestList(page)
    .getByRole("option", { name: /\/upload/ })
    .click();
  const parts = page.getByRole("article").getByRole("table", { name: "Multipart form parts, in the order sent" });
  const spoofed = parts.getByRole("row", { name: /spoofed/ });
  const download = page.waitForEvent("download");
  await spoofed.getByRole("link", { name: /Download/ }).click();
  expect((await download).suggestedFilename()).toBe("gnp.exe");
  await expect(spoofed.getByRole("link", { name: /Download/ })).toHaveAttribute("download", "gnp.exe");
  await expect(parts.getByRole("row", { name: /device/ }).getByRole("link")).toHaveAttribute("download", "_CON.txt");
  // The name as sent stays readable: the override is written out instead of reversing the text.
  await expect(spoofed).toContainText("../../etc/\\u{202E}gnp.exe");
});
