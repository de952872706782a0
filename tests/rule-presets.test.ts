// Every preset through a capture URL, with its provider's documented example request; the HMAC
// answers are checked against the provider's recipe computed here with node:crypto.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { PRESETS } from "../lib/rules/presets.ts";
import { createBin } from "./support/http.ts";
import { setRules } from "./support/rules.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
let bin: BinJson;

const ZOOM_SECRET = "6D9yI5ObTFmJvCPYG6oGqg";
const X_SECRET = "xvz1evFS4wEEPTGEFPHBog4g8Hw1cEmdGjBcA1bzFS6wAy3NPL";

beforeAll(async () => {
  server = await startServer();
  bin = await createBin(server.url);
  const values: Record<string, Record<string, string>> = {
    "meta-hub-challenge": { verifyToken: "meatyhamhock" },
    "zoom-url-validation": { secretToken: ZOOM_SECRET },
    "x-crc": { consumerSecret: X_SECRET },
  };
  // All six in one bin: each handshake finds its own rule among the others.
  await setRules(
    server.url,
    bin,
    PRESETS.map((preset) => preset.build(values[preset.id] ?? {})),
  );
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

async function send(path: string, init: RequestInit) {
  const res = await fetch(`${bin.captureUrl}${path}`, init);
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

describe("presets through a capture URL", () => {
  it("Slack url_verification", async () => {
    const got = await send("/slack/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        type: "url_verification",
      }),
    });
    expect(got).toEqual({
      status: 200,
      type: "text/plain; charset=utf-8",
      body: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("Meta hub.challenge, only with the verify token", async () => {
    const query = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";
    expect(await send(`/meta${query}`, { method: "GET" })).toMatchObject({ status: 200, body: "1158201444" });
    const wrong = await send(`/meta${query.replace("meatyhamhock", "guessed")}`, { method: "GET" });
    expect(wrong.body).not.toBe("1158201444");
  });

  it("Microsoft Graph validationToken", async () => {
    const token =
      "Validation: Testing client application reachability for subscription Request-Id: 1f2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    const got = await send(`/graph?validationToken=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
    expect(got).toEqual({ status: 200, type: "text/plain", body: token });
  });

  it("Dropbox challenge", async () => {
    expect(await send("/dropbox?challenge=tpq1DVoHfDxGSW2lTWYsV_Xc", { method: "GET" })).toEqual({
      status: 200,
      type: "text/plain",
      body: "tpq1DVoHfDxGSW2lTWYsV_Xc",
    });
  });

  it("Zoom endpoint.url_validation", async () => {
    const got = await send("/zoom", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({
        payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" },
        event_ts: 1654503849680,
        event: "endpoint.url_validation",
      }),
    });
    expect(got.status).toBe(200);
    expect(got.type).toBe("application/json");
    expect(JSON.parse(got.body)).toEqual({
      plainToken: "qgg8vlvZRS6UYooatFL8Aw",
      encryptedToken: createHmac("sha256", ZOOM_SECRET).update("qgg8vlvZRS6UYooatFL8Aw").digest("hex"),
    });
  });

  it("Twitter / X CRC", async () => {
    const crcToken = "FlbMYNl4zHBmxcLNdKqSeAXmsMJ3TZajV5MAZdvJnQ8";
    const got = await send(`/x?crc_token=${crcToken}&nonce=MTU0NzU4`, { method: "GET" });
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body)).toEqual({
      response_token: `sha256=${createHmac("sha256", X_SECRET).update(crcToken).digest("base64")}`,
    });
  });

  it("keeps the secrets out of the logs", () => {
    expect(server.logs()).not.toContain(ZOOM_SECRET);
    expect(server.logs()).not.toContain(X_SECRET);
  });
});
