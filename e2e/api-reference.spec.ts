import { expect, test } from "@playwright/test";

// The API reference is served by the app alone, under its CSP: no console error, no page error,
// and no request leaves for another origin (it must work offline).
test("the API reference lists the operations with their fields, under the CSP and offline", async ({
  page,
  baseURL,
}) => {
  const appOrigin = new URL(baseURL as string).origin;
  const problems: string[] = [];
  const elsewhere: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // Anything for another origin is cut off, as it would be offline, and noted.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === appOrigin) return route.continue();
    elsewhere.push(url);
    return route.abort("internetdisconnected");
  });

  await page.goto("/");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  const createBin = page.getByRole("article", { name: "POST /api/bins", exact: true });
  await expect(createBin).toBeVisible();
  await expect(createBin.getByText("Create a bin")).toBeVisible();
  const body = createBin.locator("section").filter({ hasText: /Request body/i });
  await expect(body.locator("code", { hasText: /^name$/ })).toBeVisible();
  await expect(body.locator("code", { hasText: /^response$/ })).toBeVisible();
  await expect(body.getByText(/delayMs/)).toBeVisible();
  await expect(createBin.getByRole("link", { name: "Bin", exact: true })).toBeVisible();

  // A named answer links to its schema, which lists its fields.
  await createBin.getByRole("link", { name: "Bin", exact: true }).click();
  const binSchema = page.getByRole("article", { name: "Bin", exact: true });
  await expect(binSchema.locator("code", { hasText: /^captureUrl$/ })).toBeVisible();

  // Capture is one entry for every method, and the node:http routes are there too.
  await expect(
    page.getByRole("article", { name: /^GET POST PUT PATCH DELETE HEAD OPTIONS TRACE \/h\/\{token\}$/ }),
  ).toBeVisible();
  await expect(page.getByRole("article", { name: "GET /api/bins/{key}/stream", exact: true })).toBeVisible();

  // The document it is rendered from is served as JSON.
  const document = await page.request.get("/api/openapi.json");
  expect(document.status()).toBe(200);
  expect((await document.json()).openapi).toBe("3.1.0");

  expect(problems).toEqual([]);
  expect(elsewhere).toEqual([]);
});
