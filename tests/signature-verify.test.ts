// POST /api/bins/{key}/requests/{id}/verify: the panel's scheme modules run on the server over
// the stored bytes, for API callers that hold the secret; the secret goes nowhere else.
import { sign } from "@octokit/webhooks-methods";
import Stripe from "stripe";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { VerifyResult } from "../lib/signatures/types.ts";
import { api, createBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
let bin: BinJson;

beforeAll(async () => {
  server = await startServer();
  bin = await createBin(server.url);
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

const stripe = new Stripe("sk_test_unused");
const stripeSecret = "whsec_integration_verify_secret";
const payload = '{"id":"evt_1","object":"event","type":"invoice.paid","note":"Café ☕"}';

async function capture(path: string, headers: Record<string, string>, body: string): Promise<string> {
  const res = await fetch(`${bin.captureUrl}${path}`, { method: "POST", headers, body });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const verify = (id: string, input: unknown, key = bin.key) =>
  api<VerifyResult & { error: { code: string; message: string } }>(
    server.url,
    `/api/bins/${key}/requests/${id}/verify`,
    { method: "POST", body: JSON.stringify(input) },
  );

describe("verify API", () => {
  it("answers valid for the right Stripe secret and a mismatch for a wrong one", async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSecret });
    const id = await capture("/stripe", { "Content-Type": "application/json", "Stripe-Signature": header }, payload);

    const valid = await verify(id, { scheme: "stripe", secret: stripeSecret });
    expect(valid.status).toBe(200);
    expect(valid.json).toMatchObject({ valid: true, toleranceSeconds: 300 });

    const wrong = await verify(id, { scheme: "stripe", secret: "whsec_wrong" });
    expect(wrong.status).toBe(200);
    expect(wrong.json).toMatchObject({ valid: false, reason: "mismatch", received: [header.split("v1=")[1]] });
  });

  it("reports a GitHub header that is absent as missing", async () => {
    const id = await capture("/plain", { "Content-Type": "application/json" }, payload);
    const res = await verify(id, { scheme: "github-sha256", secret: "s" });
    expect(res.json).toMatchObject({ valid: false, reason: "missing_header" });
  });

  it("verifies Twilio over the capture URL the sender called, sub-path and query included", async () => {
    const authToken = "twilio-auth-token-0123456789abcd";
    const params = { From: "+14158675309", Body: "Ahoy" };
    const calledUrl = `${bin.captureUrl}/sms?kind=inbound`;
    const id = await capture(
      "/sms?kind=inbound",
      {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": twilio.getExpectedTwilioSignature(authToken, calledUrl, params),
      },
      new URLSearchParams(params).toString(),
    );
    expect((await verify(id, { scheme: "twilio", secret: authToken })).json).toMatchObject({ valid: true });
    const elsewhere = await verify(id, {
      scheme: "twilio",
      secret: authToken,
      options: { url: "https://public.example/h/x/sms?kind=inbound" },
    });
    expect(elsewhere.json).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("checks generic HMAC with the options given", async () => {
    const signature = await sign("generic", payload);
    const id = await capture("/generic", { "X-Signature": signature }, payload);
    const options = { generic: { algorithm: "sha256", header: "X-Signature", encoding: "hex", prefix: "sha256=" } };
    expect((await verify(id, { scheme: "generic-hmac", secret: "generic", options })).json).toMatchObject({
      valid: true,
    });
  });

  it("refuses bad input with 400 and never repeats the secret", async () => {
    const id = await capture("/x", {}, payload);
    const secret = "whsec_must_not_be_echoed";
    for (const input of [
      { scheme: "paypal", secret },
      { scheme: "stripe", secret, options: { toleranceSeconds: -1 } },
      { scheme: "generic-hmac", secret },
      { scheme: "stripe", secret, extra: true },
    ]) {
      const res = await verify(id, input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.json.error.code).toBe("validation_failed");
      expect(JSON.stringify(res.json)).not.toContain(secret);
    }
    expect(server.logs()).not.toContain(secret);
    // No secret: the one saved with the bin, and this bin has none.
    const unsaved = await verify(id, { scheme: "stripe" });
    expect(unsaved.status).toBe(400);
    expect(unsaved.json.error.code).toBe("signing_secret_not_saved");
  });

  it("answers 404 for an unknown request, and for the bin's token in place of its key", async () => {
    const id = await capture("/y", {}, payload);
    expect((await verify("0190f0e0-0000-7000-8000-000000000000", { scheme: "stripe", secret: "s" })).status).toBe(404);
    const byToken = await verify(id, { scheme: "stripe", secret: "s" }, bin.token);
    expect(byToken.status).toBe(404);
    expect(byToken.json.error.code).toBe("bin_not_found");
  });
});
