import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { createBin, openInspector, requestList, send } from "./support";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test("the home page has no serious accessibility violations", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("button", { name: "Create a capture URL" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("an inspector showing a request has no serious accessibility violations", async ({ page, request }) => {
      const bin = await createBin(request);
      await send(bin, "/github/push?ref=main", {
        headers: { "Content-Type": "application/json", "X-GitHub-Event": "push" },
        body: JSON.stringify({
          ref: "refs/heads/main",
          commits: [{ id: "abc", message: "fix" }],
          pusher: { name: "octocat" },
        }),
      });
      await openInspector(page, bin);
      await requestList(page).getByRole("option").first().click();
      await expect(
        page.getByRole("article").getByRole("region", { name: "JSON body" }).getByText('"octocat"'),
      ).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/inspector-${scheme}.png` });
    });

    test("a share link's inspector, and the owner's share links, have no serious accessibility violations", async ({
      page,
      request,
    }) => {
      const bin = await createBin(request);
      const made = await request.post(`/api/bins/${bin.key}/shares`, { data: { name: "partner" } });
      const { url } = (await made.json()) as { url: string };
      await send(bin, "/orders?id=7", { headers: { "Content-Type": "application/json" }, body: '{"order":7}' });
      await openInspector(page, bin);
      await page.getByText("Settings").click();
      await expect(page.getByRole("region", { name: "Share links" }).getByText(url)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/share-links-${scheme}.png` });

      await page.goto(url);
      await requestList(page).getByRole("option").first().click();
      await expect(page.getByRole("article").getByRole("region", { name: "JSON body" }).getByText("7")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/shared-inspector-${scheme}.png` });
    });
  });
}
