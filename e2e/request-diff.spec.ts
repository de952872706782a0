import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import Stripe from "stripe";
import { createBin, openInspector, requestList, screenshot, send } from "./support";

const stripe = new Stripe("sk_test_unused");
const secret = "whsec_e2e_diff";

/** One delivery of a Stripe event; the second has another amount and its keys in another order. */
function event(amount: number, reordered: boolean): string {
  const object = { id: "pi_1", object: "payment_intent", amount, currency: "eur", status: "succeeded" };
  const body = {
    id: "evt_1",
    object: "event",
    type: "payment_intent.succeeded",
    data: { object },
    livemode: false,
    pending_webhooks: 1,
  };
  if (!reordered) return JSON.stringify(body);
  const reverse = (o: object) => Object.fromEntries(Object.entries(o).reverse());
  return JSON.stringify(reverse({ ...body, data: { object: reverse(object) } }));
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function deliver(bin: Awaited<ReturnType<typeof createBin>>, payload: string) {
  return send(bin, "/stripe", {
    headers: {
      "Content-Type": "application/json",
      "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret }),
    },
    body: payload,
  });
}

test("compare a Stripe redelivery with the previous delivery of its event: only the changed field is marked in the body", async ({
  page,
  request,
}) => {
  const bin = await createBin(request);
  await deliver(bin, event(2000, false));
  const second = await deliver(bin, event(2500, true));
  await openInspector(page, bin);
  await requestList(page).getByRole("option").first().click();
  await expect(page.getByRole("heading", { name: "/stripe" })).toBeVisible();

  await page.getByRole("button", { name: "Compare…" }).click();
  // Both deliveries carry the same Stripe event id: the second is a redelivery, so its previous
  // delivery is offered first.
  await expect(page.getByLabel("Compare with")).toHaveValue("previous-delivery");
  await expect(page.getByLabel("Compare with").getByRole("option")).toHaveCount(3);
  await screenshot(page, "request-diff-picker");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/b/${bin.key}/diff\\?a=${second}&b=previous-delivery$`));

  const body = page.getByRole("region", { name: "Body" });
  const changes = body.getByRole("list", { name: "JSON changes" }).getByRole("listitem");
  await expect(changes).toHaveCount(1);
  await expect(changes.first()).toContainText("/data/object/amount");
  await expect(changes.first()).toContainText("Changed");
  await expect(changes.first()).toContainText("2000");
  await expect(changes.first()).toContainText("2500");
  // Nothing else in the body is marked: the reordered keys are not changes.
  await expect(body.locator("[data-change]")).toHaveCount(1);
  await expect(body).toContainText("1 value differs in the JSON.");

  // The request line is the same; the signature header is the one header that differs.
  const headers = page.getByRole("region", { name: "Headers" });
  await expect(headers.locator("[data-change]")).toHaveCount(1);
  await expect(headers.locator("[data-diff-entry]").filter({ has: page.locator("[data-change]") })).toContainText(
    /stripe-signature/i,
  );
  await expect(page.getByRole("region", { name: "Request line" }).locator("[data-change]")).toHaveCount(0);
  await screenshot(page, "request-diff");
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(changes).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  // On a phone the two sides stack, each labelled.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(changes.first().getByText("A", { exact: true })).toBeVisible();
  await expect(changes.first().getByText("B", { exact: true })).toBeVisible();
  await screenshot(page, "request-diff-phone");
});

test("on a phone, Compare… and its form stay on screen, and two text bodies show their changed line", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const bin = await createBin(request);
  await send(bin, "/notify", { body: "status=queued\nid=7\n", headers: { "Content-Type": "text/plain" } });
  await send(bin, "/notify", { body: "status=sent\nid=7\n", headers: { "Content-Type": "text/plain" } });
  await openInspector(page, bin);
  await requestList(page).getByRole("option").first().click();

  const launcher = page.getByRole("button", { name: "Compare…" });
  await expect(launcher).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole("button", { name: "Delete" })).toBeInViewport({ ratio: 1 });
  await launcher.click();
  await expect(page.getByLabel("Compare with")).toBeInViewport({ ratio: 1 });
  await screenshot(page, "request-diff-phone-picker");
  await page.getByRole("button", { name: "Compare", exact: true }).click();

  // A is the request the comparison started from (the newer one), B the previous one.
  const body = page.getByRole("region", { name: "Body" });
  await expect(body.locator('[data-change="removed"]')).toHaveText(/only in A: status=sent/);
  await expect(body.locator('[data-change="added"]')).toHaveText(/only in B: status=queued/);
  await expect(body.locator("[data-change]")).toHaveCount(2);
});
