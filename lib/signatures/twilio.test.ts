import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { sha256, toHex, utf8 } from "./crypto.ts";
import { replaced, storedRequest, withOneByteChanged, without } from "./test-request.ts";
import { verifyTwilio } from "./twilio.ts";

const authToken = "12345678901234567890123456789012";
const url = "https://hooks.example/h/tok/sms?kind=inbound";
const params = { From: "+14158675309", To: "+15005550006", Body: "Ahoy! ünïcode & more", MediaUrl0: "" };
const form = new URLSearchParams(params).toString();

function signedForm(signingUrl = url) {
  return storedRequest(
    [
      ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"],
      ["X-Twilio-Signature", twilio.getExpectedTwilioSignature(authToken, signingUrl, params)],
    ],
    form,
    { url },
  );
}

async function signedJson(body = '{"event":"call.completed"}') {
  const jsonUrl = `${url}&bodySHA256=${toHex(await sha256(utf8(body)))}`;
  return storedRequest(
    [
      ["Content-Type", "application/json"],
      ["X-Twilio-Signature", twilio.getExpectedTwilioSignature(authToken, jsonUrl, {})],
    ],
    body,
    { url: jsonUrl },
  );
}

describe("Twilio signatures (vectors from twilio.getExpectedTwilioSignature)", () => {
  it("accepts a form body signed over the URL and the sorted parameters", async () => {
    const request = signedForm();
    expect(twilio.validateRequest(authToken, request.headers[1]?.[1] as string, url, params)).toBe(true);
    expect(await verifyTwilio(request, authToken)).toMatchObject({ valid: true });
  });

  it("accepts the URL with its default port, as Twilio's validator does", async () => {
    expect((await verifyTwilio(signedForm("https://hooks.example:443/h/tok/sms?kind=inbound"), authToken)).valid).toBe(
      true,
    );
  });

  it("accepts a JSON body whose SHA-256 is the URL's bodySHA256", async () => {
    const request = await signedJson();
    expect(
      twilio.validateRequestWithBody(
        authToken,
        request.headers[1]?.[1] as string,
        request.url,
        '{"event":"call.completed"}',
      ),
    ).toBe(true);
    expect(await verifyTwilio(request, authToken)).toMatchObject({ valid: true });
  });

  it("reports a wrong auth token as a mismatch", async () => {
    expect(await verifyTwilio(signedForm(), "0".repeat(32))).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("reports a form body changed by one byte as a mismatch", async () => {
    expect(await verifyTwilio(withOneByteChanged(signedForm()), authToken)).toMatchObject({ reason: "mismatch" });
  });

  it("says for certain that a JSON body changed when the URL's signature matches but the hash does not", async () => {
    const result = await verifyTwilio(withOneByteChanged(await signedJson()), authToken);
    expect(result).toMatchObject({ valid: false, reason: "mismatch" });
    expect(result.message).toContain("the body was changed after signing");
  });

  it("reports a URL other than the one signed as a mismatch", async () => {
    const elsewhere = { ...signedForm(), url: "https://other.example/h/tok/sms?kind=inbound" };
    expect(await verifyTwilio(elsewhere, authToken)).toMatchObject({ reason: "mismatch" });
  });

  it("reports a missing header", async () => {
    expect(await verifyTwilio(without(signedForm(), "X-Twilio-Signature"), authToken)).toMatchObject({
      reason: "missing_header",
    });
  });

  it("reports a header that is not base64 as malformed", async () => {
    expect(await verifyTwilio(replaced(signedForm(), "X-Twilio-Signature", "**"), authToken)).toMatchObject({
      reason: "malformed_header",
    });
  });
});
