// Byte-exactness checked the way users check it: a payload signed by a real sender's library
// still verifies against the stored body and headers.
import { sign, verify } from "@octokit/webhooks-methods";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import { getBody, getRecord } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
let bin: BinJson;

beforeAll(async () => {
  server = await startServer();
  const res = await fetch(`${server.url}/api/bins`, { method: "POST" });
  bin = (await res.json()) as BinJson;
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

const header = (headers: [string, string][], name: string) =>
  headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] as string;

describe("signed webhooks", () => {
  it("a GitHub-signed payload verifies from what was stored", async () => {
    const secret = "github-webhook-secret";
    // Non-ASCII, escaped slashes and odd spacing: anything re-serialised would break the signature.
    const payload = '{"action":"opened","issue":{"title":"Café ☕ \\/ résumé","body":"line1\\r\\nline2"},  "n": 1.50}';
    const signature = await sign(secret, payload);
    const res = await fetch(`${server.url}/h/${bin.token}/github`, {
      method: "POST",
      body: payload,
      headers: { "Content-Type": "application/json", "X-GitHub-Event": "issues", "X-Hub-Signature-256": signature },
    });
    const id = res.headers.get("x-hookscope-request-id") as string;
    const record = await getRecord(server.url, bin.key, id);
    const stored = await getBody(server.url, bin.key, id);
    expect(await verify(secret, stored.toString("utf8"), header(record.headers, "x-hub-signature-256"))).toBe(true);
    expect(await verify(secret, record.bodyText as string, header(record.headers, "x-hub-signature-256"))).toBe(true);
  });

  it("a Stripe-signed payload verifies with stripe.webhooks.constructEvent", async () => {
    const stripe = new Stripe("sk_test_unused");
    const secret = "whsec_test_secret";
    const payload = JSON.stringify(
      {
        id: "evt_1",
        object: "event",
        type: "checkout.session.completed",
        data: { object: { id: "cs_1", amount_total: 4200, customer_details: { name: "Zoë" } } },
      },
      null,
      2,
    );
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const res = await fetch(`${server.url}/h/${bin.token}/stripe`, {
      method: "POST",
      body: payload,
      headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": signature },
    });
    const id = res.headers.get("x-hookscope-request-id") as string;
    const record = await getRecord(server.url, bin.key, id);
    const stored = await getBody(server.url, bin.key, id);
    const event = stripe.webhooks.constructEvent(stored, header(record.headers, "stripe-signature"), secret);
    expect(event.type).toBe("checkout.session.completed");
    expect(() =>
      stripe.webhooks.constructEvent(Buffer.concat([stored, Buffer.from(" ")]), signature, secret),
    ).toThrow();
  });
});
