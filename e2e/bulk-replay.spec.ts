import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, screenshot, send } from "./support";

/** A local handler that records the bodies it receives, in order. */
function startHandler() {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(202, { "Content-Type": "text/plain" });
      res.end("accepted");
    });
  });
  return new Promise<{ url: string; received: string[]; close(): void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/webhook`, received, close: () => server.close() });
    }),
  );
}

test("select three requests, replay them twice to a local handler, and read each send", async ({ page, request }) => {
  const handler = await startHandler();
  try {
    const bin = await createBin(request);
    for (const name of ["one", "two", "three", "four"]) await send(bin, `/${name}`, { body: name });
    await openInspector(page, bin);
    const list = requestList(page);
    await expect(list.getByRole("option")).toHaveCount(4);
    const row = (name: string) => list.getByRole("option", { name: new RegExp(`/${name}\\b`) });

    // A click, then a shift-click: the range between them (the list is newest first).
    await row("one").getByTestId("replay-select").click();
    await row("three")
      .getByTestId("replay-select")
      .click({ modifiers: ["Shift"] });
    await expect(page.getByTestId("selected-count")).toHaveText("3 selected");
    await expect(row("two")).toContainText("selected for replay");
    await expect(row("four")).not.toContainText("selected for replay");
    // Choosing rows opens none of them.
    await expect(page.getByRole("article")).toHaveCount(0);

    await page.getByRole("button", { name: "Replay 3" }).click();
    const dialog = page.getByRole("dialog", { name: "Replay 3 requests" });
    await dialog.getByLabel("Target URL").fill(handler.url);
    await dialog.getByLabel("Repeat").fill("2");
    await dialog.getByRole("button", { name: "Replay", exact: true }).click();
    await expect(dialog.getByTestId("replay-summary")).toHaveText("Done: 6 answered, 0 failed.");
    const results = dialog.getByTestId("replay-result");
    await expect(results).toHaveCount(6);
    await expect(results.nth(0)).toContainText("round 1");
    await expect(results.nth(0)).toContainText("/one");
    await expect(results.nth(0)).toContainText("202");
    await expect(results.nth(5)).toContainText("round 2");
    await expect(results.nth(5)).toContainText("/three");
    expect(handler.received).toEqual(["one", "two", "three", "one", "two", "three"]);
    await screenshot(page, "bulk-replay");
    await dialog.getByRole("button", { name: "Close" }).click();

    // Each capture's resend history lists its sends.
    await row("two").click();
    const history = page.getByRole("article").getByRole("listitem").filter({ hasText: handler.url });
    await expect(history).toHaveCount(2);
    await expect(history.first()).toContainText("202");
  } finally {
    handler.close();
  }
});

test("replay everything the filters let through; Space selects from the keyboard", async ({ page, request }) => {
  const handler = await startHandler();
  try {
    const bin = await createBin(request);
    await send(bin, "/a", { method: "PUT", body: "put-a" });
    await send(bin, "/b", { body: "post-b" });
    await send(bin, "/c", { method: "PUT", body: "put-c" });
    await openInspector(page, bin);
    const list = requestList(page);
    await expect(list.getByRole("option")).toHaveCount(3);

    await page.locator("body").press("j");
    await expect(list).toBeFocused();
    await page.keyboard.press("Space");
    await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toHaveText("/b");

    await page.getByLabel("Filter by method").selectOption("PUT");
    await expect(list.getByRole("option")).toHaveCount(2);
    await page.getByRole("button", { name: "Replay all matching the filter" }).click();
    const dialog = page.getByRole("dialog", { name: "Replay all requests matching the filter" });
    await dialog.getByLabel("Target URL").fill(handler.url);
    await dialog.getByRole("button", { name: "Replay", exact: true }).click();
    await expect(dialog.getByTestId("replay-summary")).toHaveText("Done: 2 answered, 0 failed.");
    expect(handler.received).toEqual(["put-a", "put-c"]);
  } finally {
    handler.close();
  }
});

test("a share link offers no replay", async ({ page, request }) => {
  const bin = await createBin(request);
  await send(bin, "/shared", { body: "x" });
  const made = await request.post(`/api/bins/${bin.key}/shares`, { data: {} });
  const { url } = (await made.json()) as { url: string };
  await page.goto(url);
  await expect(requestList(page).getByRole("option")).toHaveCount(1);
  await expect(page.getByTestId("replay-select")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Replay/ })).toHaveCount(0);
});
