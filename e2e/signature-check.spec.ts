import { sign } from "@octokit/webhooks-methods";
import { expect, type Page, test } from "@playwright/test";
import Stripe from "stripe";
import { createBin, openInspector, requestList, screenshot, send } from "./support";

const stripe = new Stripe("sk_test_unused");
const stripeSecret = "whsec_e2e_signature_check";
const githubSecret = "github-webhook-secret";

/** Collects what would show the panel breaking the CSP, or the secret leaving the browser. */
function watch(page: Page, secrets: string[]) {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("request", (req) => {
    const sent = `${req.url()} ${req.postData() ?? ""}`;
    for (const secret of secrets)
      if (sent.includes(secret)) problems.push(`secret sent in ${req.method()} ${req.url()}`);
  });
  return problems;
}

async function verifyWith(page: Page, secretLabel: RegExp, secret: string) {
  const form = page.getByRole("form", { name: "Check the signature" });
  await form.getByLabel(secretLabel).fill(secret);
  await form.getByRole("button", { name: "Verify" }).click();
  return page.getByTestId("signature-result");
}

test("a Stripe-signed capture verifies with its secret, and a wrong secret shows the mismatch", async ({
  page,
  request,
}) => {
  const problems = watch(page, [stripeSecret, "whsec_not_the_one"]);
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
      "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSecret }),
    },
    body: payload,
  });
  await openInspector(page, bin);
  await requestList(page).getByRole("option").first().click();

  const form = page.getByRole("form", { name: "Check the signature" });
  await expect(form.getByLabel(/^Scheme/)).toHaveValue("stripe");

  const result = await verifyWith(page, /signing secret/i, stripeSecret);
  await expect(result.getByTestId("signature-verdict")).toHaveText("Valid");

  await verifyWith(page, /signing secret/i, "whsec_not_the_one");
  await expect(result.getByTestId("signature-verdict")).toHaveText("Invalid: Signature does not match");
  await expect(result).toContainText("either the secret is wrong or the body was changed after signing");
  await expect(result.getByText("Expected")).toBeVisible();
  await result.scrollIntoViewIfNeeded();
  await screenshot(page, "signature-check-stripe-mismatch");
  expect(problems).toEqual([]);
});

test("a GitHub capture checked with the wrong secret points at the secret, not at a changed body", async ({
  page,
  request,
}) => {
  const problems = watch(page, ["not-the-github-secret"]);
  const bin = await createBin(request);
  const payload = JSON.stringify({ action: "opened", pull_request: { number: 7, title: "Add a feature" } });
  await send(bin, "/github", {
    headers: {
      "Content-Type": "application/json",
      "X-GitHub-Event": "pull_request",
      "X-Hub-Signature-256": await sign(githubSecret, payload),
    },
    body: payload,
  });
  await openInspector(page, bin);
  await requestList(page).getByRole("option").first().click();

  const form = page.getByRole("form", { name: "Check the signature" });
  await expect(form.getByLabel(/^Scheme/)).toHaveValue("github-sha256");
  const result = await verifyWith(page, /webhook secret/i, "not-the-github-secret");
  await expect(result.getByTestId("signature-verdict")).toHaveText("Invalid: Signature does not match");
  await expect(result).toContainText("byte-exact as received");
  await expect(result).toContainText("check the secret");

  await verifyWith(page, /webhook secret/i, githubSecret);
  await expect(result.getByTestId("signature-verdict")).toHaveText("Valid");
  expect(problems).toEqual([]);
});

test("without WebCrypto the secret stays put until the owner chooses to check on the server", async ({
  page,
  request,
}) => {
  // A page served over plain http to another machine has no crypto.subtle: the same, simulated.
  await page.addInitScript(() => Object.defineProperty(Crypto.prototype, "subtle", { get: () => undefined }));
  const sentTo: string[] = [];
  page.on("request", (req) => {
    if ((req.postData() ?? "").includes(stripeSecret)) sentTo.push(new URL(req.url()).pathname);
  });
  const bin = await createBin(request);
  const payload = JSON.stringify({ id: "evt_2", object: "event", type: "charge.refunded" });
  const id = await send(bin, "/stripe", {
    headers: { "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSecret }) },
    body: payload,
  });
  await openInspector(page, bin);
  await requestList(page).getByRole("option").first().click();

  const form = page.getByRole("form", { name: "Check the signature" });
  await form.getByLabel(/signing secret/i).fill(stripeSecret);
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(form.getByRole("alert")).toContainText("no WebCrypto");
  expect(sentTo).toEqual([]);

  await form.getByLabel(/Check on this Hookscope server instead/).check();
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("signature-verdict")).toHaveText("Valid");
  expect(sentTo).toEqual([`/api/bins/${bin.key}/requests/${id}/verify`]);
});

test("a read-only share link checks signatures too, in the browser", async ({ page, request }) => {
  const problems = watch(page, [stripeSecret]);
  const bin = await createBin(request);
  const payload = JSON.stringify({ id: "evt_3", object: "event", type: "customer.created" });
  await send(bin, "/stripe", {
    headers: { "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSecret }) },
    body: payload,
  });
  const share = await request.post(`/api/bins/${bin.key}/shares`, { data: {} });
  expect(share.status()).toBe(201);
  await page.goto(new URL((await share.json()).url).pathname);
  await requestList(page).getByRole("option").first().click();

  const result = await verifyWith(page, /signing secret/i, stripeSecret);
  await expect(result.getByTestId("signature-verdict")).toHaveText("Valid");
  expect(problems).toEqual([]);
});

test("a secret saved with the bin survives a reload, verifies on the server and shows only masked", async ({
  page,
  request,
}) => {
  const savedSecret = "whsec_e2e_saved_with_the_bin_7c2d";
  const sentTo: string[] = [];
  page.on("request", (req) => {
    if ((req.postData() ?? "").includes(savedSecret)) sentTo.push(`${req.method()} ${new URL(req.url()).pathname}`);
  });
  const bin = await createBin(request);
  const payload = JSON.stringify({ id: "evt_4", object: "event", type: "payout.paid" });
  await send(bin, "/stripe", {
    headers: { "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret: savedSecret }) },
    body: payload,
  });
  await openInspector(page, bin);
  await requestList(page).getByRole("option").first().click();

  const form = page.getByRole("form", { name: "Check the signature" });
  const save = form.getByRole("checkbox", { name: /Save this secret with the bin/ });
  await expect(save).not.toBeChecked();
  await expect(form).toContainText("stored on this Hookscope server with the bin and shown only masked");
  await form.getByLabel(/signing secret/i).fill(savedSecret);
  await save.check();
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("signature-verdict")).toHaveText("Valid");
  expect(sentTo).toEqual([`PUT /api/bins/${bin.key}/signing-secrets/stripe`]);

  await page.reload();
  await requestList(page).getByRole("option").first().click();
  await expect(form.getByLabel("Saved secret")).toHaveText("••••••7c2d");
  await expect(form.getByLabel(/signing secret/i)).toHaveCount(0);
  await form.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("signature-verdict")).toHaveText("Valid");
  expect(await page.content()).not.toContain(savedSecret.slice(0, -4));
  expect(sentTo).toHaveLength(1);
  await form.scrollIntoViewIfNeeded();
  await screenshot(page, "signature-check-saved-secret");

  await form.getByRole("button", { name: "Forget saved secret" }).click();
  await expect(form.getByLabel(/signing secret/i)).toBeVisible();
  await expect(form.getByLabel("Saved secret")).toHaveCount(0);
  expect((await (await request.get(`/api/bins/${bin.key}`)).json()).signingSecrets).toEqual([]);
});

test("a share link neither shows nor offers to save a secret", async ({ page, request }) => {
  const bin = await createBin(request);
  await request.put(`/api/bins/${bin.key}/signing-secrets/stripe`, { data: { secret: "whsec_owner_only_secret" } });
  const payload = JSON.stringify({ id: "evt_5", object: "event", type: "customer.deleted" });
  await send(bin, "/stripe", { headers: { "Stripe-Signature": "t=1,v1=00" }, body: payload });
  const share = await request.post(`/api/bins/${bin.key}/shares`, { data: {} });
  await page.goto(new URL((await share.json()).url).pathname);
  await requestList(page).getByRole("option").first().click();

  const form = page.getByRole("form", { name: "Check the signature" });
  await expect(form.getByLabel(/signing secret/i)).toBeVisible();
  await expect(form.getByLabel("Saved secret")).toHaveCount(0);
  await expect(form.getByRole("checkbox", { name: /Save this secret/ })).toHaveCount(0);
  const content = await page.content();
  expect(content).not.toContain("whsec_owner_only_secret");
  expect(content).not.toContain("••••••cret");
});
