import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifySlack } from "./slack.ts";
import { replaced, storedRequest, withOneByteChanged, without } from "./test-request.ts";

// The worked example of Slack's "Verifying requests from Slack" page: its secret, timestamp, body
// and the signature it shows.
const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const timestamp = 1531420618;
const body =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const documented = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

const signed = (receivedAt = (timestamp + 2) * 1000) =>
  storedRequest(
    [
      ["X-Slack-Request-Timestamp", String(timestamp)],
      ["X-Slack-Signature", documented],
    ],
    body,
    { receivedAt },
  );

describe("Slack signatures (Slack's documented example)", () => {
  it("accepts the documented example and computes the documented signature", async () => {
    const result = await verifySlack(signed(), secret);
    expect(result).toMatchObject({ valid: true, expected: documented, ageSeconds: 2 });
  });

  it("agrees with the documented algorithm on another body", async () => {
    const other = "payload=%7B%22type%22%3A%22block_actions%22%7D";
    const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${other}`).digest("hex")}`;
    const request = replaced(
      storedRequest(signed().headers.slice(), other, { receivedAt: timestamp * 1000 }),
      "X-Slack-Signature",
      signature,
    );
    expect((await verifySlack(request, secret)).valid).toBe(true);
  });

  it("reports a wrong secret as a mismatch", async () => {
    expect(await verifySlack(signed(), "0".repeat(32))).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("reports a body changed by one byte as a mismatch", async () => {
    expect(await verifySlack(withOneByteChanged(signed()), secret)).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("reports a request received more than five minutes after its timestamp as outside the tolerance", async () => {
    expect(await verifySlack(signed((timestamp + 301) * 1000), secret)).toMatchObject({
      valid: false,
      reason: "timestamp_outside_tolerance",
      ageSeconds: 301,
      toleranceSeconds: 300,
    });
  });

  it("reports either missing header", async () => {
    for (const header of ["X-Slack-Signature", "X-Slack-Request-Timestamp"]) {
      const result = await verifySlack(without(signed(), header), secret);
      expect(result, header).toMatchObject({ valid: false, reason: "missing_header" });
      expect(result.message).toContain(header);
    }
  });

  it("reports a signature without v0= or a timestamp that is not a number as malformed", async () => {
    for (const [header, value] of [
      ["X-Slack-Signature", documented.slice(3)],
      ["X-Slack-Request-Timestamp", "yesterday"],
    ] as const) {
      const result = await verifySlack(replaced(signed(), header, value), secret);
      expect(result, header).toMatchObject({ valid: false, reason: "malformed_header" });
    }
  });
});
