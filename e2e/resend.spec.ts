import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { createBin, openInspector, requestList, screenshot, send } from "./support";

const stripe = new Stripe("sk_test_unused");
const secret = "whsec_e2e";

/** A local handler that checks the Stripe signature, like the user's own endpoint would. */
function startHandler() {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      received.push(body.toString("utf8"));
      try {
        const event = stripe.webhooks.constructEvent(body, String(req.headers["stripe-signature"]), secret);
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ handled: event.type }));
      } catch (err) {
        res.writeHead(400, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: (err as Error).message.slice(0, 60) }));
      }
    });
  });
  return new Promise<{ url: string; received: string[]; close(): void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/webhook`, received, close: () => server.close() });
    }),
  );
}

test("resend a signed webhook to a local handler, then an edited body, and read each answer", async ({
  page,
  request,
}) => {
  const handler = await startHandler();
  try {
    const bin = await createBin(request);
    const payload = JSON.stringify({
      id: "evt_1",
      object: "event",
      type: "invoice.paid",
      data: { object: { id: "in_1" } },
    });
    await send(bin, "/stripe", {
      headers: {
        "Content-Type": "application/json",
        "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret }),
      },
      body: payload,
    });
    await openInspector(page, bin);
    await requestList(page).getByRole("option").first().click();

    const form = page.getByRole("form", { name: "Resend this request" });
    await form.getByLabel("Target URL").fill(handler.url);
    await form.getByRole("button", { name: "Send" }).click();
    const result = page.getByTestId("resend-result");
    await expect(result.getByTestId("resend-status")).toHaveText("200");
    await expect(result.getByText('"invoice.paid"')).toBeVisible();
    expect(handler.received).toEqual([payload]);

    await form.getByText("Edit headers and body").click();
    await form.getByLabel("Body", { exact: true }).fill(payload.replace("in_1", "in_2"));
    await form.getByRole("button", { name: "Send" }).click();
    await expect(result.getByTestId("resend-status")).toHaveText("400");
    await expect(result.getByText(/No signatures found matching/)).toBeVisible();
    await screenshot(page, "inspector-resend");

    // Both attempts are in the history, and the first can be reopened.
    const history = page.getByRole("list").filter({ hasText: handler.url });
    await expect(history.getByRole("button")).toHaveCount(2);
    await history.getByRole("button").nth(1).click();
    await expect(result.getByTestId("resend-status")).toHaveText("200");

    // The target URL is remembered for this bin.
    await page.reload();
    await requestList(page).getByRole("option").first().click();
    await expect(page.getByRole("form", { name: "Resend this request" }).getByLabel("Target URL")).toHaveValue(
      handler.url,
    );
  } finally {
    handler.close();
  }
});
