import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { verifyStripe } from "./stripe.ts";
import { replaced, storedRequest, withOneByteChanged, without } from "./test-request.ts";
import { MISMATCH_MESSAGE } from "./verdict.ts";

const stripe = new Stripe("sk_test_unused");
const secret = "whsec_test_secret_for_hookscope";
const payload = JSON.stringify({
  id: "evt_1",
  object: "event",
  type: "invoice.paid",
  data: { object: { amount: 1200 } },
});
const now = Math.floor(Date.now() / 1000);

function signed(options: { timestamp?: number; secret?: string } = {}) {
  const header = stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? secret,
    timestamp: options.timestamp ?? now,
  });
  return storedRequest([["Stripe-Signature", header]], payload, { receivedAt: now * 1000 });
}

describe("Stripe signatures (vectors from stripe.webhooks.generateTestHeaderString)", () => {
  it("accepts the sender's signature", async () => {
    const result = await verifyStripe(signed(), secret);
    expect(result).toMatchObject({ valid: true, ageSeconds: 0, toleranceSeconds: 300 });
    expect(result.received?.[0]).toBe(result.expected);
  });

  it("accepts any of several v1 signatures, as while a secret is rolled", async () => {
    const other = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_old", timestamp: now });
    const request = signed();
    const header = request.headers[0]?.[1] as string;
    const twoSecrets = replaced(request, "Stripe-Signature", `${header},${other.split(",")[1]}`);
    expect((await verifyStripe(twoSecrets, secret)).valid).toBe(true);
    expect((await verifyStripe(twoSecrets, "whsec_old")).valid).toBe(true);
  });

  it("reports a wrong secret as a mismatch, not as a changed body", async () => {
    const result = await verifyStripe(signed(), "whsec_wrong");
    expect(result).toMatchObject({ valid: false, reason: "mismatch", message: MISMATCH_MESSAGE });
    expect(result.expected).not.toBe(result.received?.[0]);
  });

  it("reports a body changed by one byte as a mismatch", async () => {
    expect(await verifyStripe(withOneByteChanged(signed()), secret)).toMatchObject({
      valid: false,
      reason: "mismatch",
    });
  });

  it("reports a signature older than the tolerance separately, with its age", async () => {
    const old = signed({ timestamp: now - 301 });
    expect(await verifyStripe(old, secret)).toMatchObject({
      valid: false,
      reason: "timestamp_outside_tolerance",
      ageSeconds: 301,
    });
    expect((await verifyStripe(old, secret, { toleranceSeconds: 600 })).valid).toBe(true);
  });

  it("judges the timestamp against when the request was received, not against now", async () => {
    const capturedLastWeek = { ...signed({ timestamp: now - 7 * 86400 }), receivedAt: (now - 7 * 86400 + 5) * 1000 };
    expect((await verifyStripe(capturedLastWeek, secret)).valid).toBe(true);
  });

  it("reports a missing header", async () => {
    expect(await verifyStripe(without(signed(), "stripe-signature"), secret)).toMatchObject({
      valid: false,
      reason: "missing_header",
    });
  });

  it("reports a header without a timestamp, without a v1 or with a v1 that is not hex as malformed", async () => {
    for (const header of ["v1=abcd", `t=${now}`, `t=${now},v1=not-hex`, "garbage"]) {
      const result = await verifyStripe(replaced(signed(), "Stripe-Signature", header), secret);
      expect(result, header).toMatchObject({ valid: false, reason: "malformed_header" });
    }
  });
});
