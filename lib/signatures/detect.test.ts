import { describe, expect, it } from "vitest";
import { detectScheme } from "./detect.ts";

describe("detectScheme", () => {
  it("suggests the scheme whose header is present, whatever its case", () => {
    expect(detectScheme([["stripe-signature", "t=1,v1=ab"]])).toBe("stripe");
    expect(detectScheme([["X-Shopify-Hmac-SHA256", "x"]])).toBe("shopify");
    expect(detectScheme([["X-Slack-Signature", "v0=ab"]])).toBe("slack");
    expect(detectScheme([["svix-signature", "v1,ab"]])).toBe("standard-webhooks");
    expect(detectScheme([["webhook-signature", "v1,ab"]])).toBe("standard-webhooks");
    expect(detectScheme([["X-Twilio-Signature", "ab"]])).toBe("twilio");
  });

  it("prefers GitHub's SHA-256 header when both of GitHub's are sent", () => {
    expect(
      detectScheme([
        ["X-Hub-Signature", "sha1=ab"],
        ["X-Hub-Signature-256", "sha256=ab"],
      ]),
    ).toBe("github-sha256");
    expect(detectScheme([["X-Hub-Signature", "sha1=ab"]])).toBe("github-sha1");
  });

  it("suggests nothing when no known signature header is present", () => {
    expect(detectScheme([["Content-Type", "application/json"]])).toBeNull();
  });
});
