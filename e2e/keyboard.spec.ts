import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, send } from "./support";

test("j/k and arrows move through requests, Enter opens, / focuses search", async ({ page, request }) => {
  const bin = await createBin(request);
  for (const name of ["one", "two", "three"]) await send(bin, `/${name}`, { body: name });
  await openInspector(page, bin);
  const list = requestList(page);
  await expect(list.getByRole("option")).toHaveCount(3);

  await page.locator("body").press("j");
  await expect(list).toBeFocused();
  await expect(list).toHaveAttribute("aria-activedescendant", /request-/);
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toHaveText("/two");

  await list.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toHaveText("/one");
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toHaveText("/three");

  await page.locator("body").press("/");
  await expect(page.getByLabel("Search path, query, headers and body")).toBeFocused();
  // Typing in the search box does not move the list.
  await page.keyboard.type("jk");
  await expect(page.getByLabel("Search path, query, headers and body")).toHaveValue("jk");
});
