import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, send } from "./support";

test("forwarding set in the inspector delivers new captures, and each attempt shows in the history", async ({
  page,
  request,
}) => {
  const received: string[] = [];
  const target = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push(Buffer.concat(chunks).toString());
      res.writeHead(201, { "Content-Type": "text/plain" });
      res.end("created by the local handler");
    });
  });
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;
  try {
    const bin = await createBin(request);
    await openInspector(page, bin);
    await page.getByText("Settings").click();
    const settings = page.getByRole("form", { name: "Bin settings" });
    await settings.getByLabel("Forward every new request to").fill(targetUrl);
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings.getByRole("status")).toHaveText("Saved");
    await expect(page.getByText("Settings · forwarding")).toBeVisible();

    await send(bin, "/github", {
      headers: { "Content-Type": "application/json" },
      body: '{"zen":"Keep it logically awesome."}',
    });
    await expect.poll(() => received).toEqual(['{"zen":"Keep it logically awesome."}']);

    await requestList(page).getByRole("option").first().click();
    // The attempt is recorded once the handler has answered; the open request's history follows.
    const history = page.getByRole("list").filter({ hasText: targetUrl });
    await expect(history.getByRole("button")).toHaveCount(1, { timeout: 10_000 });
    await expect(history).toContainText("201");
    await expect(history).toContainText("forwarded");
    await history.getByRole("button").click();
    await expect(page.getByTestId("resend-result")).toContainText("created by the local handler");
  } finally {
    target.close();
  }
});
