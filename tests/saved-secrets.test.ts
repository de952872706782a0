// Signing secrets saved with a bin: PUT and DELETE /api/bins/{key}/signing-secrets/{scheme}, and the
// verify API using the saved one when given none. Answers show a saved secret only masked, share
// links not at all, and no log line holds it.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { SavedSecretJson } from "../lib/signatures/saved.ts";
import type { VerifyResult } from "../lib/signatures/types.ts";
import { api, createBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

const ACCESS_KEY = "saved-secrets-access-key-0123456789";
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { ACCESS_KEYS: ACCESS_KEY } });
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

type ErrorJson = { error: { code: string; message: string } };

const stripe = new Stripe("sk_test_unused");
const SECRET = "whsec_saved_secret_never_shown_9f3c";
const payload = '{"id":"evt_saved","object":"event","type":"invoice.paid"}';

/** Signed `ageSeconds` before it is sent. */
async function captureSigned(bin: BinJson, ageSeconds = 0): Promise<string> {
  const timestamp = Math.floor(Date.now() / 1000) - ageSeconds;
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp });
  const res = await fetch(`${bin.captureUrl}/stripe`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": header },
    body: payload,
  });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const saveSecret = (key: string, scheme: string, body: unknown) =>
  api<SavedSecretJson[] & ErrorJson>(server.url, `/api/bins/${key}/signing-secrets/${scheme}`, {
    method: "PUT",
    body: JSON.stringify(body),
  });

const forgetSecret = (key: string, scheme: string) =>
  api(server.url, `/api/bins/${key}/signing-secrets/${scheme}`, { method: "DELETE" });

const verify = (bin: BinJson, id: string, input: unknown) =>
  api<VerifyResult & ErrorJson>(server.url, `/api/bins/${bin.key}/requests/${id}/verify`, {
    method: "POST",
    body: JSON.stringify(input),
  });

describe("saved signing secrets", () => {
  it("saves a secret, shows it masked in the bin, its list and the page, and never on a share link", async () => {
    const bin = await createBin(server.url);
    expect(bin.signingSecrets).toEqual([]);

    const saved = await saveSecret(bin.key, "stripe", { secret: SECRET });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual([{ scheme: "stripe", maskedSecret: "••••••9f3c" }]);

    const read = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    expect(read.json.signingSecrets).toEqual([{ scheme: "stripe", maskedSecret: "••••••9f3c" }]);
    const listed = await api<{ bins: BinJson[] }>(server.url, "/api/bins?limit=100", {
      headers: { authorization: `Bearer ${ACCESS_KEY}` },
    });
    expect(listed.status).toBe(200);
    expect(listed.json.bins.find((b) => b.key === bin.key)?.signingSecrets).toEqual([
      { scheme: "stripe", maskedSecret: "••••••9f3c" },
    ]);
    const page = await fetch(`${server.url}/b/${bin.key}`);
    expect(page.status).toBe(200);

    const link = await api<{ id: string }>(server.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}" });
    const shared = await api(server.url, `/api/shares/${link.json.id}`);
    expect(shared.status).toBe(200);
    expect(JSON.stringify(shared.json)).not.toMatch(/signingSecrets|9f3c/);
    const sharedPage = await fetch(`${server.url}/s/${link.json.id}`);

    for (const text of [
      JSON.stringify(saved.json),
      JSON.stringify(read.json),
      JSON.stringify(listed.json),
      await page.text(),
      JSON.stringify(shared.json),
      await sharedPage.text(),
      server.logs(),
    ]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET.slice(0, -4));
    }
  });

  it("verifies with the saved secret when given none: valid, and a mismatch once a wrong one is saved", async () => {
    const bin = await createBin(server.url);
    const id = await captureSigned(bin, 100);
    expect((await saveSecret(bin.key, "stripe", { secret: SECRET })).status).toBe(200);

    const valid = await verify(bin, id, { scheme: "stripe" });
    expect(valid.status).toBe(200);
    expect(valid.json).toMatchObject({ valid: true, toleranceSeconds: 300 });

    // Saving again replaces it: one secret per scheme.
    const replaced = await saveSecret(bin.key, "stripe", { secret: "whsec_the_wrong_saved_secret" });
    expect(replaced.json).toEqual([{ scheme: "stripe", maskedSecret: "••••••cret" }]);
    const wrong = await verify(bin, id, { scheme: "stripe" });
    expect(wrong.json).toMatchObject({ valid: false, reason: "mismatch" });

    // A secret given in the call wins over the saved one.
    expect((await verify(bin, id, { scheme: "stripe", secret: SECRET })).json).toMatchObject({ valid: true });
    // Saved options lie under the ones given: with 60 s saved, the signature (100 s old) has expired.
    await saveSecret(bin.key, "stripe", { secret: SECRET, options: { toleranceSeconds: 60 } });
    expect((await verify(bin, id, { scheme: "stripe" })).json).toMatchObject({
      valid: false,
      reason: "timestamp_outside_tolerance",
    });
    expect((await verify(bin, id, { scheme: "stripe", options: { toleranceSeconds: 300 } })).json).toMatchObject({
      valid: true,
    });
    expect(server.logs()).not.toContain(SECRET);
  });

  it("forgets a saved secret with 204; verifying without a secret then answers 400", async () => {
    const bin = await createBin(server.url);
    const id = await captureSigned(bin);
    await saveSecret(bin.key, "stripe", { secret: SECRET });
    await saveSecret(bin.key, "github-sha256", { secret: "github-webhook-secret" });

    const forgotten = await forgetSecret(bin.key, "stripe");
    expect(forgotten.status).toBe(204);
    expect(forgotten.json).toBeNull();
    const read = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    expect(read.json.signingSecrets).toEqual([{ scheme: "github-sha256", maskedSecret: "••••••cret" }]);
    expect((await forgetSecret(bin.key, "stripe")).status).toBe(204);

    const none = await verify(bin, id, { scheme: "stripe" });
    expect(none.status).toBe(400);
    expect(none.json.error.code).toBe("signing_secret_not_saved");
    expect(none.json.error.message).toContain("stripe");
  });

  it("keeps every secret when several schemes are saved at once", async () => {
    const bin = await createBin(server.url);
    const schemes = ["stripe", "github-sha256", "github-sha1", "shopify", "slack", "standard-webhooks", "twilio"];
    const saved = await Promise.all(
      schemes.map((scheme) => saveSecret(bin.key, scheme, { secret: `${scheme}-secret-saved-at-once` })),
    );
    expect(saved.map((res) => res.status)).toEqual(schemes.map(() => 200));
    const read = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
    expect(read.json.signingSecrets.map((s) => s.scheme)).toEqual(schemes);
  });

  it("refuses bad input with 400 or 404, never repeating the secret", async () => {
    const bin = await createBin(server.url);
    const secret = "whsec_refused_secret_must_not_echo";
    for (const body of [{}, { secret: "" }, { secret, extra: 1 }, { secret, options: { toleranceSeconds: -1 } }]) {
      const res = await saveSecret(bin.key, "stripe", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("validation_failed");
      expect(JSON.stringify(res.json)).not.toContain(secret);
    }
    const noGeneric = await saveSecret(bin.key, "generic-hmac", { secret });
    expect(noGeneric.status).toBe(400);
    expect(noGeneric.json.error.message).toContain("options.generic");
    const unknown = await saveSecret(bin.key, "paypal", { secret });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("not_found");
    expect((await api<BinJson>(server.url, `/api/bins/${bin.key}`)).json.signingSecrets).toEqual([]);
    expect(server.logs()).not.toContain(secret);
  });
});
