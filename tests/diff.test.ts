// Comparing two captured requests: GET /api/bins/{key}/diff?a&b and its share-link mirror, on real
// captures. Two deliveries of one Stripe event, with the body's keys in another order and one field
// changed, must differ in that field and nowhere else in the body.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestDiff } from "../lib/diff/types.ts";
import type { ShareJson } from "../lib/shares/types.ts";
import { api, createBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

type ErrorJson = { error: { code: string; message: string } };

const SECRET = "whsec_test_diff";

/** A payment_intent.succeeded event as Stripe sends it; `amount` and the key order vary. */
function stripeEvent(amount: number, reordered: boolean): string {
  const paymentIntent = {
    id: "pi_3QdiffExample",
    object: "payment_intent",
    amount,
    amount_received: 2000,
    currency: "eur",
    customer: "cus_Rdiff",
    metadata: { order_id: "A-1001" },
    payment_method_types: ["card"],
    status: "succeeded",
  };
  const event = {
    id: "evt_3QdiffExample",
    object: "event",
    api_version: "2024-06-20",
    created: 1_732_800_000,
    data: { object: paymentIntent },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: "b3a1c0de-0000-4000-8000-000000000001" },
    type: "payment_intent.succeeded",
  };
  if (!reordered) return JSON.stringify(event, null, 2);
  const reverse = (o: object) => Object.fromEntries(Object.entries(o).reverse());
  return JSON.stringify(
    reverse({ ...event, data: { object: reverse(paymentIntent) }, request: reverse(event.request) }),
  );
}

/** One Stripe delivery to the bin: Stripe's headers, its signature scheme (t=..,v1=HMAC-SHA256). */
async function deliver(bin: BinJson, body: string, timestamp: number, path = "/stripe"): Promise<string> {
  const v1 = createHmac("sha256", SECRET).update(`${timestamp}.${body}`).digest("hex");
  const res = await fetch(`${server.url}/h/${bin.token}${path}`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      "cache-control": "no-cache",
      "stripe-signature": `t=${timestamp},v1=${v1}`,
    },
  });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

const diff = (base: string, a: string, b: string) =>
  api<RequestDiff & ErrorJson>(server.url, `${base}/diff?${new URLSearchParams({ a, b })}`);

async function twoDeliveries() {
  const bin = await createBin(server.url);
  const first = await deliver(bin, stripeEvent(2000, false), 1_732_800_001);
  const second = await deliver(bin, stripeEvent(2500, true), 1_732_800_061);
  return { bin, first, second };
}

describe("GET /api/bins/{key}/diff", () => {
  it("reports exactly the changed field of two Stripe deliveries whose keys are in another order", async () => {
    const { bin, first, second } = await twoDeliveries();
    const res = await diff(`/api/bins/${bin.key}`, first, second);
    expect(res.status).toBe(200);
    const d = res.json;
    expect([d.a.id, d.b.id]).toEqual([first, second]);
    expect(d.a.seq).toBeLessThan(d.b.seq);
    expect(d.method).toEqual({ a: "POST", b: "POST", changed: false });
    expect(d.path).toEqual({ a: "/stripe", b: "/stripe", changed: false });
    expect(d.query).toEqual([]);
    expect(d.body.comparison).toEqual({
      mode: "json",
      equal: false,
      changes: [{ path: "/data/object/amount", kind: "changed", a: 2000, b: 2500 }],
      totalChanges: 1,
    });
    // The signature differs (another time, another body), and Content-Length (other spacing); nothing else.
    const changedHeaders = d.headers.filter((h) => h.change !== null).map((h) => h.name.toLowerCase());
    expect(changedHeaders.sort()).toEqual(["content-length", "stripe-signature"]);
    expect(d.body.a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d.body.a.sha256).not.toBe(d.body.b.sha256);
  });

  it("with b=previous, compares with the capture before a that has its method and path", async () => {
    const { bin, first, second } = await twoDeliveries();
    await deliver(bin, stripeEvent(1, false), 1_732_800_070, "/other");
    const get = await fetch(`${server.url}/h/${bin.token}/stripe`);
    expect(get.status).toBe(200);
    const third = await deliver(bin, stripeEvent(3000, false), 1_732_800_090);

    const res = await diff(`/api/bins/${bin.key}`, third, "previous");
    expect(res.status).toBe(200);
    expect(res.json.b.id).toBe(second);
    expect(res.json.a.id).toBe(third);
    const fromSecond = await diff(`/api/bins/${bin.key}`, second, "previous");
    expect(fromSecond.json.b.id).toBe(first);

    const none = await diff(`/api/bins/${bin.key}`, first, "previous");
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe("request_not_found");
  });

  it("with b=previous-delivery, compares with the event's delivery stored just before a, whatever its path", async () => {
    const { bin, first, second } = await twoDeliveries();
    // Another event in between, then the first event again on another path: one event, three deliveries.
    const otherEvent = stripeEvent(1, false).replace("evt_3QdiffExample", "evt_other");
    await deliver(bin, otherEvent, 1_732_800_065);
    const third = await deliver(bin, stripeEvent(3000, false), 1_732_800_090, "/stripe/retry");

    const res = await diff(`/api/bins/${bin.key}`, third, "previous-delivery");
    expect(res.status).toBe(200);
    expect(res.json.b.id).toBe(second);
    expect((await diff(`/api/bins/${bin.key}`, second, "previous-delivery")).json.b.id).toBe(first);

    const none = await diff(`/api/bins/${bin.key}`, first, "previous-delivery");
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe("request_not_found");
  });

  it("finds the previous request past a page of captures to other paths", async () => {
    const bin = await createBin(server.url);
    const first = await deliver(bin, stripeEvent(1, false), 1_732_800_001);
    for (let i = 0; i < 210; i += 30) {
      await Promise.all(
        Array.from({ length: 30 }, () => fetch(`${server.url}/h/${bin.token}/other`, { method: "POST", body: "x" })),
      );
    }
    const last = await deliver(bin, stripeEvent(2, false), 1_732_800_002);
    const res = await diff(`/api/bins/${bin.key}`, last, "previous");
    expect(res.status).toBe(200);
    expect(res.json.b.id).toBe(first);
  });

  it("answers 400 without a or b, and 404 for unknown ids, another bin's request and an unknown bin", async () => {
    const { bin, first } = await twoDeliveries();
    const other = await createBin(server.url);
    const theirs = await deliver(other, stripeEvent(1, false), 1_732_800_100);
    const base = `/api/bins/${bin.key}`;

    for (const query of ["", `?a=${first}`, `?b=${first}`, `?a=&b=${first}`]) {
      const res = await api<ErrorJson>(server.url, `${base}/diff${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe("validation_failed");
    }
    const unknownId = "0193a0b0-0000-7000-8000-000000000000";
    for (const [a, b] of [
      [first, unknownId],
      [unknownId, first],
      [first, theirs],
      [first, "not-an-id"],
      [first, "latest"],
    ] as const) {
      const res = await diff(base, a, b);
      expect(res.status, `${a} ${b}`).toBe(404);
      expect(res.json.error.code).toBe("request_not_found");
    }
    const unknownBin = await diff(`/api/bins/${"x".repeat(24)}`, first, first);
    expect(unknownBin.status).toBe(404);
    expect(unknownBin.json.error.code).toBe("bin_not_found");
    const byToken = await diff(`/api/bins/${bin.token}`, first, first);
    expect(byToken.status).toBe(404);
  });
});

describe("GET /api/shares/{id}/diff", () => {
  it("mirrors the owner's diff, holds neither the key nor the token, and ends with the link", async () => {
    const { bin, first, second } = await twoDeliveries();
    const created = await api<ShareJson>(server.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}" });
    const share = created.json;
    const owner = await diff(`/api/bins/${bin.key}`, first, second);
    const shared = await api<RequestDiff & ErrorJson>(
      server.url,
      `/api/shares/${share.id}/diff?${new URLSearchParams({ a: first, b: second })}`,
    );
    expect(shared.status).toBe(200);
    expect(shared.json).toEqual(owner.json);
    const text = JSON.stringify(shared.json);
    expect(text.includes(bin.key)).toBe(false);
    expect(text.includes(bin.token)).toBe(false);

    const previous = await diff(`/api/shares/${share.id}`, second, "previous");
    expect(previous.json.b.id).toBe(first);

    const other = await createBin(server.url);
    const theirs = await deliver(other, stripeEvent(1, false), 1_732_800_200);
    const foreign = await diff(`/api/shares/${share.id}`, first, theirs);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe("request_not_found");
    expect((await api(server.url, `/api/shares/${share.id}/diff`)).status).toBe(400);
    const post = await api(server.url, `/api/shares/${share.id}/diff?a=${first}&b=${second}`, { method: "POST" });
    expect(post.status).toBe(405);

    const revoked = await api(server.url, `/api/bins/${bin.key}/shares/${share.id}`, { method: "DELETE" });
    expect(revoked.status).toBe(204);
    const after = await diff(`/api/shares/${share.id}`, first, second);
    expect(after.status).toBe(404);
    expect(after.json.error.code).toBe("share_not_found");
  });
});

describe("the diff pages", () => {
  it("render the comparison as a page that sends no Referer, the share link's without the key or token", async () => {
    const { bin, first, second } = await twoDeliveries();
    const created = await api<ShareJson>(server.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}" });
    const query = new URLSearchParams({ a: first, b: second });
    const own = await fetch(`${server.url}/b/${bin.key}/diff?${query}`);
    expect(own.status).toBe(200);
    expect(own.headers.get("referrer-policy")).toBe("no-referrer");
    const ownHtml = await own.text();
    expect(ownHtml).toContain("/data/object/amount");
    expect(ownHtml).toContain('name="referrer" content="no-referrer"');

    const shared = await fetch(`${server.url}/s/${created.json.id}/diff?${query}`);
    expect(shared.status).toBe(200);
    const sharedHtml = await shared.text();
    expect(sharedHtml).toContain("/data/object/amount");
    expect(sharedHtml.includes(bin.key)).toBe(false);
    expect(sharedHtml.includes(bin.token)).toBe(false);

    expect((await fetch(`${server.url}/b/${"x".repeat(24)}/diff?${query}`)).status).toBe(404);
  });

  it("render captured markup as text, never as HTML", async () => {
    const bin = await createBin(server.url);
    const markup = '<img src=x onerror="alert(1)">';
    const send = async (value: string) => {
      const res = await fetch(`${server.url}/h/${bin.token}/x`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-note": value },
        body: JSON.stringify({ note: value }),
      });
      return res.headers.get("x-hookscope-request-id") as string;
    };
    const a = await send("plain");
    const b = await send(markup);
    const html = await (await fetch(`${server.url}/b/${bin.key}/diff?${new URLSearchParams({ a, b })}`)).text();
    expect(html).toContain("/note");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x");
  });
});
