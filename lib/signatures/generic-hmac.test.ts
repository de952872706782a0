import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type GenericHmacOptions, verifyGenericHmac } from "./generic-hmac.ts";
import { replaced, storedRequest, withOneByteChanged, without } from "./test-request.ts";

const secret = "generic-secret";
const body = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x00, 0x7d]); // not valid UTF-8, on purpose
const now = Math.floor(Date.now() / 1000);

function signed(options: GenericHmacOptions, signedText: (body: Buffer) => Buffer, timestamp = now) {
  const mac = createHmac(options.algorithm, secret)
    .update(signedText(Buffer.from(body)))
    .digest(options.encoding);
  return storedRequest(
    [
      ["X-Timestamp", String(timestamp)],
      [options.header, `${options.prefix ?? ""}${mac}`],
    ],
    new Uint8Array(body),
    { receivedAt: now * 1000 },
  );
}

const plain: GenericHmacOptions = { algorithm: "sha512", header: "X-Signature", encoding: "base64", prefix: "sha512=" };
const timestamped: GenericHmacOptions = {
  algorithm: "sha256",
  header: "X-Signature",
  encoding: "hex",
  timestampHeader: "X-Timestamp",
  toleranceSeconds: 300,
};
const withTimestamp = (ts: number) => (b: Buffer) => Buffer.concat([Buffer.from(`${ts}.`), b]);

describe("generic HMAC signatures (node:crypto's createHmac)", () => {
  it("accepts a prefixed base64 SHA-512 of the body bytes", async () => {
    expect(
      await verifyGenericHmac(
        signed(plain, (b) => b),
        secret,
        plain,
      ),
    ).toMatchObject({ valid: true });
  });

  it("accepts SHA-1 hex", async () => {
    const sha1: GenericHmacOptions = { algorithm: "sha1", header: "X-Sig", encoding: "hex" };
    expect(
      (
        await verifyGenericHmac(
          signed(sha1, (b) => b),
          secret,
          sha1,
        )
      ).valid,
    ).toBe(true);
  });

  it("signs {timestamp}.{body} by default when a timestamp header is named", async () => {
    const request = signed(timestamped, withTimestamp(now));
    expect(await verifyGenericHmac(request, secret, timestamped)).toMatchObject({ valid: true, ageSeconds: 0 });
  });

  it("follows a custom template", async () => {
    const options = { ...timestamped, template: "v1:{timestamp}:{body}" };
    const request = signed(options, (b) => Buffer.concat([Buffer.from(`v1:${now}:`), b]));
    expect((await verifyGenericHmac(request, secret, options)).valid).toBe(true);
    expect((await verifyGenericHmac(request, secret, timestamped)).valid).toBe(false);
  });

  it("reports a wrong secret as a mismatch", async () => {
    expect(
      await verifyGenericHmac(
        signed(plain, (b) => b),
        "other",
        plain,
      ),
    ).toMatchObject({ reason: "mismatch" });
  });

  it("reports a body changed by one byte as a mismatch", async () => {
    const request = withOneByteChanged(signed(plain, (b) => b));
    expect(await verifyGenericHmac(request, secret, plain)).toMatchObject({ reason: "mismatch" });
  });

  it("reports an old timestamp as outside the tolerance", async () => {
    const request = signed(timestamped, withTimestamp(now - 900), now - 900);
    expect(await verifyGenericHmac(request, secret, timestamped)).toMatchObject({
      reason: "timestamp_outside_tolerance",
      ageSeconds: 900,
    });
  });

  it("reports a missing signature or timestamp header", async () => {
    const request = signed(timestamped, withTimestamp(now));
    for (const header of ["X-Signature", "X-Timestamp"]) {
      expect(await verifyGenericHmac(without(request, header), secret, timestamped), header).toMatchObject({
        reason: "missing_header",
      });
    }
  });

  it("reports a signature without its prefix or in the wrong encoding as malformed", async () => {
    const request = signed(plain, (b) => b);
    for (const value of ["abcd", "sha512=***"]) {
      const result = await verifyGenericHmac(replaced(request, "X-Signature", value), secret, plain);
      expect(result, value).toMatchObject({ reason: "malformed_header" });
    }
  });
});
