import { createHmac } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { type Bin, createBin, openInspector, requestList, screenshot } from "./support";

const HANDSHAKE = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=x";

/** Opens the settings panel's answer-rules editor and returns its dialog. */
async function openRulesEditor(page: Page) {
  await page.getByText("Settings").click();
  await page.getByRole("button", { name: "Edit answer rules" }).click();
  const dialog = page.getByRole("dialog", { name: "Answer rules" });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function closeRulesEditor(page: Page) {
  await page.getByRole("dialog", { name: "Answer rules" }).getByRole("button", { name: "Close" }).click();
  await page.getByText("Settings").click();
}

/** Meta's subscription check, sent with Node's fetch as Meta's servers would (not through the page). */
function metaHandshake(bin: Bin, query = HANDSHAKE) {
  return fetch(`${bin.captureUrl}${query}`);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** The page breaks no rule of its Content-Security-Policy while the editor is used. */
function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

test("a rule made in the panel answers a Meta handshake with its challenge, and the preview says so", async ({
  page,
  request,
}) => {
  const violations = watchCsp(page);
  const bin = await createBin(request);
  await openInspector(page, bin);
  const editor = await openRulesEditor(page);

  await editor.getByRole("button", { name: "Add rule" }).click();
  const rule = editor.getByRole("region", { name: "Rule 1" });
  await rule.getByRole("textbox", { name: "Rule 1 name" }).fill("Meta handshake");
  await rule.getByLabel("Method").fill("GET");
  await rule.getByRole("button", { name: "Add query matcher" }).click();
  await rule.getByRole("textbox", { name: "Query matcher 1 name" }).fill("hub.mode");
  await rule.getByRole("textbox", { name: "Query matcher 1 value" }).fill("subscribe");
  await rule.getByRole("checkbox", { name: /body of my own/ }).check();
  await rule.getByLabel("Body template").fill("{{query.hub.challenge}}");
  await screenshot(page, "answer-rules-editing");
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(editor.getByRole("status")).toHaveText("Saved");
  await screenshot(page, "answer-rules-saved");

  const answer = await metaHandshake(bin);
  expect(answer.status).toBe(200);
  expect(await answer.text()).toBe("1158201444");

  // The handshake is captured; with it open, the preview answers it with the same challenge.
  await closeRulesEditor(page);
  await requestList(page).getByRole("option").first().click();
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toContainText("hub.challenge=1158201444");
  const reopened = await openRulesEditor(page);
  const preview = reopened.getByRole("region", { name: "Rules preview" });
  await expect(preview.getByLabel("To the captured request").locator("option:checked")).toContainText("(open)");
  await preview.getByRole("button", { name: "Preview" }).click();
  const result = preview.getByTestId("rules-preview-result");
  await expect(result).toContainText("Meta handshake");
  await expect(result.getByTestId("preview-status")).toHaveText("200");
  await expect(result.getByTestId("preview-body")).toHaveText("1158201444");
  expect(await seriousViolations(page)).toEqual([]);

  // A hostile challenge, chosen from the recent captures, is previewed as text, never as markup.
  const hostile = '<img src=x onerror="window.__pwned=1">';
  await metaHandshake(bin, `?hub.mode=subscribe&hub.challenge=${encodeURIComponent(hostile)}`);
  await expect(requestList(page).getByRole("option")).toHaveCount(2);
  const select = preview.getByLabel("To the captured request");
  const second = await select.locator("option", { hasText: /^#2 GET / }).getAttribute("value");
  await select.selectOption(second ?? "");
  await preview.getByRole("button", { name: "Preview" }).click();
  await expect(result.getByTestId("preview-body")).toHaveText(hostile);
  await expect(result.locator("img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  // An unsaved edit is previewed as it stands: the preview sends the rules being edited.
  await reopened.getByRole("region", { name: "Rule 1" }).getByRole("checkbox", { name: "Enabled" }).uncheck();
  await preview.getByRole("button", { name: "Preview" }).click();
  await expect(result).toContainText("No rule matches");
  expect(violations).toEqual([]);
});

test("the Meta preset checks the verify token, and a signing preset's secret never reaches the page", async ({
  page,
  request,
}) => {
  const bin = await createBin(request);
  await openInspector(page, bin);
  await page.emulateMedia({ colorScheme: "dark" });
  const editor = await openRulesEditor(page);

  await editor.getByLabel("Add from preset").selectOption({ label: "Meta / WhatsApp hub.challenge" });
  const meta = editor.getByRole("form", { name: /Preset Meta/ });
  await meta.getByLabel("Verify token (optional)").fill("x");
  await meta.getByRole("button", { name: "Add rule" }).click();

  const zoomSecret = "zoom-secret-c0de";
  await editor.getByLabel("Add from preset").selectOption({ label: "Zoom endpoint.url_validation" });
  const zoom = editor.getByRole("form", { name: /Preset Zoom/ });
  await expect(zoom.getByLabel("Secret token")).toHaveAttribute("type", "password");
  await zoom.getByLabel("Secret token").fill(zoomSecret);
  await zoom.getByRole("button", { name: "Add rule" }).click();

  await expect(editor.getByRole("region", { name: /^Rule \d$/ })).toHaveCount(2);
  await expect(editor.getByRole("textbox", { name: "Rule 2 name" })).toHaveValue("Zoom endpoint.url_validation");
  // Order is editable (first match wins), and a rule added by mistake goes away.
  await editor.getByRole("button", { name: "Move rule 2 up" }).click();
  await expect(editor.getByRole("textbox", { name: "Rule 1 name" })).toHaveValue("Zoom endpoint.url_validation");
  await editor.getByRole("button", { name: "Add rule" }).click();
  await editor.getByRole("button", { name: "Delete rule 3" }).click();
  await editor.getByRole("button", { name: "Move rule 1 down" }).click();
  await expect(editor.getByRole("region", { name: /^Rule \d$/ })).toHaveCount(2);
  await expect(editor.getByRole("status")).toHaveText("Unsaved changes");
  // Typed into the preset's password field, the secret is held in memory, not written into the page.
  await expect(editor.getByRole("region", { name: "Rule 2" }).getByText("A new secret is entered")).toBeVisible();
  expect(await page.content()).not.toContain(zoomSecret);
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(editor.getByRole("status")).toHaveText("Saved");
  await screenshot(page, "answer-rules-presets-dark");

  // The stored secret comes back masked only; nothing on the page holds it in full.
  await editor.getByRole("region", { name: "Rule 2" }).getByRole("button", { name: "Edit" }).click();
  await expect(editor.getByTestId("masked-secret")).toHaveText(/c0de$/);
  expect(await page.content()).not.toContain(zoomSecret);
  expect(await seriousViolations(page)).toEqual([]);
  const saved = await (await request.get(`/api/bins/${bin.key}`)).text();
  expect(saved).not.toContain(zoomSecret);
  expect((JSON.parse(saved) as { rules: { name: string }[] }).rules.map((r) => r.name)).toEqual([
    "Meta hub.challenge",
    "Zoom endpoint.url_validation",
  ]);

  // The secret typed into the preset is the one Zoom's check is answered with.
  const zoomAnswer = await fetch(bin.captureUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" },
      event_ts: 1654503849680,
      event: "endpoint.url_validation",
    }),
  });
  expect(await zoomAnswer.json()).toEqual({
    plainToken: "qgg8vlvZRS6UYooatFL8Aw",
    encryptedToken: createHmac("sha256", zoomSecret).update("qgg8vlvZRS6UYooatFL8Aw").digest("hex"),
  });

  expect(await (await metaHandshake(bin)).text()).toBe("1158201444");
  // A wrong verify token is not Meta's: the bin's default response answers.
  const refused = await metaHandshake(bin, "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=y");
  expect(await refused.json()).toMatchObject({ ok: true });
});

test("on a phone the rules editor takes the screen and saves", async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const bin = await createBin(request);
  await openInspector(page, bin);
  const editor = await openRulesEditor(page);
  await editor.getByRole("button", { name: "Add rule" }).click();
  const rule = editor.getByRole("region", { name: "Rule 1" });
  await rule.getByLabel("Method").fill("POST");
  await rule.getByLabel("Status", { exact: true }).fill("202");
  const box = await editor.boundingBox();
  expect(box?.width).toBe(390);
  // Nothing in the editor is wider than the screen.
  expect(await editor.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await screenshot(page, "answer-rules-phone-editing");
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(editor.getByRole("status")).toHaveText("Saved");
  await screenshot(page, "answer-rules-phone");
  const answer = await fetch(bin.captureUrl, { method: "POST", body: "{}" });
  expect(answer.status).toBe(202);
});

test("a mistake is shown beside its field and nothing is saved; an API refusal is shown next to the form", async ({
  page,
  request,
}) => {
  const bin = await createBin(request);
  await openInspector(page, bin);
  const editor = await openRulesEditor(page);
  await editor.getByRole("button", { name: "Add rule" }).click();
  const rule = editor.getByRole("region", { name: "Rule 1" });
  await rule.getByLabel("Status", { exact: true }).fill("99");
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(rule.getByLabel("Status", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(rule).toContainText(/200/);
  await expect(editor.getByRole("alert")).toContainText("Some rules need fixing");
  expect((await (await request.get(`/api/bins/${bin.key}`)).json()).rules).toEqual([]);

  await rule.getByLabel("Status", { exact: true }).fill("200");
  expect((await request.delete(`/api/bins/${bin.key}`)).status()).toBe(204);
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(editor.getByRole("alert")).toContainText(/not found|no bin/i);
});

test("a share link shows no answer rules", async ({ page, request }) => {
  const bin = await createBin(request);
  const rules = [{ name: "secret rule", answer: { status: 202 } }];
  expect((await request.patch(`/api/bins/${bin.key}`, { data: { rules } })).status()).toBe(200);
  const share = (await (await request.post(`/api/bins/${bin.key}/shares`, { data: {} })).json()) as { url: string };
  await page.goto(share.url);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByText(/Answer rules/)).toHaveCount(0);
  expect(await page.content()).not.toContain("secret rule");
});
