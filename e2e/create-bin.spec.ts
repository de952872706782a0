import { expect, test } from "@playwright/test";

test("the home page creates a bin and shows a capture URL that captures", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("exactly what a webhook sender sends");
  await page.getByRole("button", { name: "Create a capture URL" }).click();

  const captureUrl = page.getByTestId("capture-url");
  await expect(captureUrl).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/h\/[A-Za-z0-9_-]{20,}$/);
  const url = (await captureUrl.textContent()) as string;
  await expect(page.getByTestId("curl-example")).toContainText(`curl -X POST '${url}'`);
  await page.screenshot({ path: "test-results/screenshots/home-created.png", fullPage: true });

  // The URL shown is live: a request sent to it is stored and listed by the API.
  const token = url.split("/h/")[1] as string;
  const sent = await request.post(url, { data: { hello: "from the e2e test" } });
  expect(sent.status()).toBe(200);
  const list = await request.get(`/api/bins/${token}/requests`);
  const body = (await list.json()) as { requests: { method: string; contentType: string }[] };
  expect(body.requests).toHaveLength(1);
  expect(body.requests[0]).toMatchObject({ method: "POST", contentType: "application/json" });
});
