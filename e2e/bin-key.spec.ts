import { expect, type Page, test } from "@playwright/test";
import Database from "better-sqlite3";
import { type Bin, createBin, e2eDatabaseFile, openInspector, requestList, send } from "./support";

/** The key in the inspector's address. */
const keyOf = (page: Page) => new URL(page.url()).pathname.replace(/^\/b\//, "");

test("the inspector shows the capture URL, never its key, and sends no Referer", async ({ page, request }) => {
  const bin = await createBin(request);
  await openInspector(page, bin);
  await expect(page.getByTestId("capture-url")).toHaveText(bin.captureUrl);
  expect(await page.title()).not.toContain(bin.key);
  // What is shown, not the DOM's text: the page's scripts hold the key, which its API calls need.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is asserted
  expect(await page.locator("body").innerText()).not.toContain(bin.key);
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expect(page.getByRole("region", { name: "This bin has no private key" })).toHaveCount(0);
});

test("a bin from before keys shows a notice whose button gives it a private key and moves the inspector there", async ({
  page,
  request,
}) => {
  const bin = await createBin(request);
  // A bin created before keys existed has key = token (the migration gave it so).
  const db = new Database(e2eDatabaseFile(), { timeout: 5000 });
  db.prepare("UPDATE Bin SET key = token WHERE key = ?").run(bin.key);
  db.close();
  const legacy: Bin = { ...bin, key: bin.token };
  await send(legacy, "/before-rotation", { body: "kept" });

  await openInspector(page, legacy);
  const notice = page.getByRole("region", { name: "This bin has no private key" });
  await expect(notice).toContainText("Anyone holding this bin's capture URL can read this bin");
  await notice.getByRole("button", { name: "Give this bin a private key" }).click();

  await expect(page).not.toHaveURL(new RegExp(`/b/${bin.token}$`));
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{20,}$/);
  const newKey = keyOf(page);
  expect(newKey).not.toBe(bin.token);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(notice).toHaveCount(0);
  // The capture URL is unchanged and what it captured is still there.
  await expect(page.getByTestId("capture-url")).toHaveText(bin.captureUrl);
  await expect(requestList(page).getByRole("option")).toHaveCount(1);
  await send(legacy, "/after-rotation");
  await expect(requestList(page).getByRole("option")).toHaveCount(2);

  // The capture URL no longer opens the bin.
  expect((await request.get(`/api/bins/${bin.token}`)).status()).toBe(404);
  expect((await page.goto(`/b/${bin.token}`))?.status()).toBe(404);
});

test("settings rotate the capture URL and the key, each after a confirmation saying what stops working", async ({
  page,
  request,
}) => {
  const bin = await createBin(request);
  await openInspector(page, bin);
  await page.getByText("Settings").click();

  await page.getByRole("button", { name: "Rotate capture URL" }).click();
  const tokenDialog = page.getByRole("dialog", { name: "Rotate the capture URL?" });
  await expect(tokenDialog).toContainText("Senders using the current capture URL get 404");
  await tokenDialog.getByRole("button", { name: "Rotate capture URL" }).click();
  await expect(page.getByTestId("capture-url")).not.toHaveText(bin.captureUrl);
  const captureUrl = (await page.getByTestId("capture-url").textContent()) as string;
  expect((await fetch(`${bin.captureUrl}/old`, { method: "POST" })).status).toBe(404);
  await send({ ...bin, captureUrl }, "/new-capture-url");
  await expect(requestList(page).getByRole("option")).toHaveCount(1);
  expect(keyOf(page)).toBe(bin.key);

  // The settings panel is still open.
  await page.getByRole("button", { name: "Rotate key" }).click();
  const keyDialog = page.getByRole("dialog", { name: "Rotate the key?" });
  await expect(keyDialog).toContainText("The current inspect URL");
  // Cancelling changes nothing.
  await keyDialog.getByRole("button", { name: "Cancel" }).click();
  expect((await request.get(`/api/bins/${bin.key}`)).status()).toBe(200);

  await page.getByRole("button", { name: "Rotate key" }).click();
  await keyDialog.getByRole("button", { name: "Rotate key" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/b/${bin.key}$`));
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(requestList(page).getByRole("option")).toHaveCount(1);
  expect((await request.get(`/api/bins/${bin.key}`)).status()).toBe(404);
  expect((await request.get(`/api/bins/${keyOf(page)}`)).status()).toBe(200);
});
