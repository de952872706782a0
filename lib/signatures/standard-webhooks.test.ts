import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { describe, expect, it } from "vitest";
import { verifyStandardWebhooks } from "./standard-webhooks.ts";
import { replaced, storedRequest, withOneByteChanged, without } from "./test-request.ts";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const payload = JSON.stringify({ type: "invoice.paid", data: { id: "inv_1", amount: 1200 } });
const now = Math.floor(Date.now() / 1000);

type Prefix = "webhook-" | "svix-";

function signed(prefix: Prefix, options: { timestamp?: number; secret?: string } = {}) {
  const at = new Date((options.timestamp ?? now) * 1000);
  const signer =
    prefix === "svix-" ? new SvixWebhook(options.secret ?? secret) : new StandardWebhook(options.secret ?? secret);
  return storedRequest(
    [
      [`${prefix}id`, "msg_2mWYmWq1x8d4Ls9p"],
      [`${prefix}timestamp`, String(Math.floor(at.getTime() / 1000))],
      [`${prefix}signature`, signer.sign("msg_2mWYmWq1x8d4Ls9p", at, payload)],
    ],
    payload,
    { receivedAt: now * 1000 },
  );
}

describe.each([
  ["webhook-", "standardwebhooks"],
  ["svix-", "svix"],
] as const)("Standard Webhooks signatures with %s headers (vectors from %s)", (prefix, _library) => {
  it("accepts the sender's signature", async () => {
    expect(await verifyStandardWebhooks(signed(prefix), secret)).toMatchObject({ valid: true, ageSeconds: 0 });
  });

  it("accepts any of several space-separated signatures", async () => {
    const request = signed(prefix);
    const other = signed(prefix, { secret: "whsec_b2xkIHNlY3JldCBieXRlcw==" });
    const both = `${other.headers[2]?.[1]} ${request.headers[2]?.[1]}`;
    expect((await verifyStandardWebhooks(replaced(request, `${prefix}signature`, both), secret)).valid).toBe(true);
  });

  it("reports a wrong secret as a mismatch", async () => {
    const result = await verifyStandardWebhooks(signed(prefix), "whsec_d3Jvbmcgc2VjcmV0IGJ5dGVz");
    expect(result).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("reports a body changed by one byte as a mismatch", async () => {
    const result = await verifyStandardWebhooks(withOneByteChanged(signed(prefix)), secret);
    expect(result).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("reports a timestamp more than five minutes off as outside the tolerance, either way", async () => {
    for (const offset of [-301, 301]) {
      const result = await verifyStandardWebhooks(signed(prefix, { timestamp: now + offset }), secret);
      expect(result, String(offset)).toMatchObject({ reason: "timestamp_outside_tolerance", ageSeconds: -offset });
    }
  });

  it("reports each missing header by name", async () => {
    for (const name of ["id", "timestamp", "signature"]) {
      const result = await verifyStandardWebhooks(without(signed(prefix), `${prefix}${name}`), secret);
      expect(result, name).toMatchObject({ valid: false, reason: "missing_header" });
      expect(result.message).toContain(`${prefix}${name}`);
    }
  });

  it("reports a signature list without v1 entries, or a timestamp that is not a number, as malformed", async () => {
    for (const [name, value] of [
      ["signature", "v2,abc"],
      ["signature", "v1,!!!"],
      ["timestamp", "soon"],
    ] as const) {
      const result = await verifyStandardWebhooks(replaced(signed(prefix), `${prefix}${name}`, value), secret);
      expect(result, value).toMatchObject({ valid: false, reason: "malformed_header" });
    }
  });

  it("says when the secret is not base64 after whsec_", async () => {
    expect(await verifyStandardWebhooks(signed(prefix), "whsec_%%%")).toMatchObject({ reason: "invalid_secret" });
  });
});
