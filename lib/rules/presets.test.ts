// Each preset against its provider's documented example exchange. HMAC expectations are computed
// here with node:crypto from the documented recipe, not taken from the code under test.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultBinResponse } from "../bins/response.ts";
import { findRule } from "./match.ts";
import { PRESETS } from "./presets.ts";
import { resolveAnswer } from "./resolve.ts";
import type { Rule } from "./schema.ts";
import { testRequest } from "./test-request.ts";

function preset(id: string, values: Record<string, string> = {}): Rule {
  const found = PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(`no preset ${id}`);
  return { ...found.build(values), id };
}

function answer(rule: Rule, request: ReturnType<typeof testRequest>) {
  const matched = findRule([rule], request);
  const { action } = resolveAnswer(matched, request, {
    attempt: 1,
    random: () => 0.5,
    fallback: defaultBinResponse,
    timeoutMaxSeconds: 120,
  });
  if (action.kind !== "answer") throw new Error("no answer");
  return { matched: matched !== null, ...action, contentType: action.headers.find(([n]) => n === "Content-Type")?.[1] };
}

describe("presets", () => {
  it("declares its inputs and builds valid rules", () => {
    expect(PRESETS.map((p) => p.id)).toEqual([
      "slack-url-verification",
      "meta-hub-challenge",
      "microsoft-graph-validation",
      "dropbox-challenge",
      "zoom-url-validation",
      "x-crc",
    ]);
    expect(() => PRESETS.find((p) => p.id === "zoom-url-validation")?.build({})).toThrow(/secretToken/);
    expect(() => PRESETS.find((p) => p.id === "x-crc")?.build({ consumerSecret: " " })).toThrow(/consumerSecret/);
  });

  it("Slack url_verification: answers the challenge", () => {
    const body = JSON.stringify({
      token: "Jhj5dZrVaK7ZwHHjRyZWjbDl",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const got = answer(
      preset("slack-url-verification"),
      testRequest({ headers: [["Content-type", "application/json"]], body }),
    );
    expect(got).toMatchObject({
      matched: true,
      status: 200,
      body: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
    expect(got.contentType).toMatch(/^text\/plain/);
    const event = testRequest({ body: JSON.stringify({ type: "event_callback", event: {} }) });
    expect(findRule([preset("slack-url-verification")], event)).toBeNull();
  });

  it("Meta hub.challenge: answers the challenge, only to the right verify token when one is set", () => {
    const query = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";
    const got = answer(preset("meta-hub-challenge"), testRequest({ method: "GET", query }));
    expect(got).toMatchObject({ matched: true, status: 200, body: "1158201444" });
    const guarded = preset("meta-hub-challenge", { verifyToken: "meatyhamhock" });
    expect(answer(guarded, testRequest({ method: "GET", query })).body).toBe("1158201444");
    const wrong = testRequest({ method: "GET", query: query.replace("meatyhamhock", "guess") });
    expect(findRule([guarded], wrong)).toBeNull();
  });

  it("Microsoft Graph validationToken: answers the decoded token as text/plain", () => {
    const token =
      "Validation: Testing client application reachability for subscription Request-Id: b2d7f7c5-3c4b-4a3f-9a5b-1f2e3d4c5b6a";
    const query = `validationToken=${encodeURIComponent(token).replaceAll("%20", "+")}`;
    const got = answer(
      preset("microsoft-graph-validation"),
      testRequest({ method: "POST", query, headers: [["Content-Type", "text/plain; charset=utf-8"]] }),
    );
    expect(got).toMatchObject({ matched: true, status: 200, body: token, contentType: "text/plain" });
  });

  it("Dropbox challenge: echoes the challenge as text/plain", () => {
    const got = answer(
      preset("dropbox-challenge"),
      testRequest({ method: "GET", query: "challenge=tpq1DVoHfDxGSW2lTWYsV_Xc" }),
    );
    expect(got).toMatchObject({
      matched: true,
      status: 200,
      body: "tpq1DVoHfDxGSW2lTWYsV_Xc",
      contentType: "text/plain",
    });
  });

  it("Zoom endpoint.url_validation: answers plainToken and its hex HMAC-SHA256 under the secret token", () => {
    const secretToken = "6D9yI5ObTFmJvCPYG6oGqg";
    const body = JSON.stringify({
      payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" },
      event_ts: 1654503849680,
      event: "endpoint.url_validation",
    });
    const got = answer(preset("zoom-url-validation", { secretToken }), testRequest({ body }));
    expect(got.matched).toBe(true);
    expect(got.contentType).toBe("application/json");
    expect(JSON.parse(got.body ?? "")).toEqual({
      plainToken: "qgg8vlvZRS6UYooatFL8Aw",
      encryptedToken: createHmac("sha256", secretToken).update("qgg8vlvZRS6UYooatFL8Aw").digest("hex"),
    });
  });

  it("X CRC: answers sha256= and the base64 HMAC-SHA256 of crc_token under the consumer secret", () => {
    const consumerSecret = "xvz1evFS4wEEPTGEFPHBog4g8Hw1cEmdGjBcA1bzFS6wAy3NPL";
    const crcToken = "FlbMYNl4zHBmxcLNdKqSeAXmsMJ3TZajV5MAZdvJnQ8";
    const got = answer(
      preset("x-crc", { consumerSecret }),
      testRequest({ method: "GET", query: `crc_token=${crcToken}&nonce=MTU0NzU4` }),
    );
    expect(got.matched).toBe(true);
    expect(JSON.parse(got.body ?? "")).toEqual({
      response_token: `sha256=${createHmac("sha256", consumerSecret).update(crcToken).digest("base64")}`,
    });
  });
});
