import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyShopify } from "./shopify.ts";
import { replaced, storedRequest, withOneByteChanged, without } from "./test-request.ts";

// Shopify publishes the algorithm, not a library: HMAC-SHA256 of the raw body with the app's client
// secret, base64-encoded (shopify.dev, "Verify a webhook").
const secret = "shpss_0123456789abcdef0123456789abcdef";
const payload = JSON.stringify({ id: 820982911946154500, email: "jon@example.com", total_price: "199.00" });
const signed = () =>
  storedRequest(
    [
      ["X-Shopify-Topic", "orders/create"],
      ["X-Shopify-Hmac-Sha256", createHmac("sha256", secret).update(payload).digest("base64")],
    ],
    payload,
  );

describe("Shopify signatures (Shopify's documented algorithm)", () => {
  it("accepts the sender's signature", async () => {
    const result = await verifyShopify(signed(), secret);
    expect(result).toMatchObject({ valid: true });
    expect(result.expected).toBe(result.received?.[0]);
  });

  it("reports a wrong secret as a mismatch", async () => {
    expect(await verifyShopify(signed(), "shpss_wrong")).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("reports a body changed by one byte as a mismatch", async () => {
    expect(await verifyShopify(withOneByteChanged(signed()), secret)).toMatchObject({
      valid: false,
      reason: "mismatch",
    });
  });

  it("reports a missing header", async () => {
    expect(await verifyShopify(without(signed(), "X-Shopify-Hmac-Sha256"), secret)).toMatchObject({
      reason: "missing_header",
    });
  });

  it("reports a header that is not base64 as malformed", async () => {
    expect(await verifyShopify(replaced(signed(), "X-Shopify-Hmac-Sha256", "not base64!"), secret)).toMatchObject({
      reason: "malformed_header",
    });
  });
});
