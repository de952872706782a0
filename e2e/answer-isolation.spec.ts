import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { e2eDatabaseFile } from "./support";

const RECENT_BINS = "hookscope.recentBins";

test("a capture URL's configured answer cannot clear or change the inspector's stored state", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Create a capture URL" }).click();
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{20,}$/);
  const captureUrl = (await page.getByTestId("capture-url").textContent()) as string;
  const token = captureUrl.replace(/^.*\/h\//, "");
  const binKey = new URL(page.url()).pathname.replace(/^\/b\//, "");
  await page.evaluate(() => localStorage.setItem("hookscope.theme", "dark"));
  const before = await page.evaluate((key) => localStorage.getItem(key), RECENT_BINS);
  expect(before).toContain(binKey);

  // Through the API, an answer that would wipe the origin's storage is refused.
  const refused = await request.patch(`/api/bins/${binKey}`, {
    data: { response: { headers: [["Clear-Site-Data", '"*"']] } },
  });
  expect(refused.status()).toBe(400);

  // An answer saved before such headers were refused (written straight into the database) is
  // served without them.
  const db = new Database(e2eDatabaseFile(), { timeout: 5000 });
  db.prepare("UPDATE Bin SET response = ? WHERE token = ?").run(
    JSON.stringify({
      status: 200,
      headers: [
        ["Clear-Site-Data", '"*"'],
        ["X-Still-Sent", "yes"],
      ],
      body: "<h1>configured answer</h1>",
      delayMs: 0,
      cors: true,
    }),
    token,
  );
  db.close();

  const answer = await page.goto(`${captureUrl}/landing`);
  expect(answer?.status()).toBe(200);
  expect(await answer?.headerValue("x-still-sent")).toBe("yes");
  expect(await answer?.headerValue("clear-site-data")).toBeNull();

  await page.goto("/");
  expect(await page.evaluate((key) => localStorage.getItem(key), RECENT_BINS)).toBe(before);
  expect(await page.evaluate(() => localStorage.getItem("hookscope.theme"))).toBe("dark");
  await expect(page.getByRole("heading", { name: "Your bins" })).toBeVisible();
});
