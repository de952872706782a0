// Redeliveries: a sender that delivers one event again (its retries, a manual redelivery) is seen
// as one event: each capture has the sender's delivery key and an attempt number, the list can
// keep only redeliveries, and the timeline of an event's deliveries shows the gaps between them,
// for the bin's key and its share links alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { DeliveryTimeline } from "../lib/deliveries/types.ts";
import type { RequestPage, RequestSummary } from "../lib/requests/types.ts";
import type { ShareJson } from "../lib/shares/types.ts";
import { api, createBin, getRecord, listRequests } from "./support/http.ts";
import { setRules } from "./support/rules.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { openStream } from "./support/sse.ts";
import { type Delivery, WEBHOOK_SENDERS, type WebhookSender } from "./support/webhook-senders.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  cleanupServers();
});

type ErrorJson = { error: { code: string; message: string } };

/** Sends a delivery to the bin, as the sender would; returns the status answered and the capture's id. */
async function post(bin: BinJson, delivery: Delivery, method = "POST"): Promise<{ status: number; id: string }> {
  const res = await fetch(`${server.url}/h/${bin.token}/hook`, {
    method,
    headers: delivery.headers,
    body: method === "GET" ? undefined : delivery.body,
  });
  await res.arrayBuffer();
  return { status: res.status, id: res.headers.get("x-hookscope-request-id") as string };
}

/** Sends a delivery that the bin's default response answers; returns the capture's id. */
async function send(bin: BinJson, delivery: Delivery, method = "POST"): Promise<string> {
  const { status, id } = await post(bin, delivery, method);
  expect(status).toBe(200);
  return id;
}

/** What a capture answered by the bin's default response records. */
const DEFAULT_ANSWER = { ruleId: null, ruleName: null, status: 200, failure: null };

/** Delivers one event `times` times, as first delivery and retries; returns the capture ids. */
async function deliverEvent(bin: BinJson, sender: WebhookSender, eventId: string, times: number): Promise<string[]> {
  const ids: string[] = [];
  for (let attempt = 1; attempt <= times; attempt++) ids.push(await send(bin, await sender.deliver(eventId, attempt)));
  return ids;
}

const timeline = (bin: BinJson, id: string) =>
  api<DeliveryTimeline & ErrorJson>(server.url, `/api/bins/${bin.key}/requests/${id}/deliveries`);

describe("attempts of one event, for each sender's format", () => {
  for (const sender of WEBHOOK_SENDERS) {
    it(`${sender.name}: counts 1, 2, 3 and shows the timeline oldest first`, async () => {
      const bin = await createBin(server.url);
      const eventId = sender.newEventId();
      const ids = await deliverEvent(bin, sender, eventId, 3);
      // Another event of the same sender in between is another event.
      const other = await deliverEvent(bin, sender, sender.newEventId(), 1);
      const key = sender.expectedKey(eventId);

      const records = await Promise.all(ids.map((id) => getRecord(server.url, bin.key, id)));
      expect(records.map((r) => [r.deliveryKey, r.attempt])).toEqual([
        [key, 1],
        [key, 2],
        [key, 3],
      ]);
      expect((await getRecord(server.url, bin.key, other[0] as string)).attempt).toBe(1);

      for (const id of ids) {
        const res = await timeline(bin, id);
        expect(res.status).toBe(200);
        expect(res.json.deliveryKey).toBe(key);
        expect(res.json.total).toBe(3);
        const { deliveries } = res.json;
        expect(deliveries.map((d) => [d.id, d.attempt])).toEqual(ids.map((rid, i) => [rid, i + 1]));
        expect(deliveries.map((d) => d.seq)).toEqual(records.map((r) => r.seq));
        expect(deliveries[0]?.gapMs).toBeNull();
        for (let i = 1; i < deliveries.length; i++) {
          const [before, after] = [deliveries[i - 1], deliveries[i]] as [
            (typeof deliveries)[0],
            (typeof deliveries)[0],
          ];
          expect(after.gapMs).toBeGreaterThanOrEqual(0);
          expect(after.gapMs).toBe(Date.parse(after.receivedAt) - Date.parse(before.receivedAt));
        }
        expect(deliveries.map((d) => d.answer)).toEqual([DEFAULT_ANSWER, DEFAULT_ANSWER, DEFAULT_ANSWER]);
      }
    });
  }
});

describe("attempt numbers", () => {
  it("counts each bin on its own", async () => {
    const [a, b] = [await createBin(server.url), await createBin(server.url)];
    const github = WEBHOOK_SENDERS.find((s) => s.name === "GitHub") as WebhookSender;
    const eventId = github.newEventId();
    await deliverEvent(a, github, eventId, 2);
    const [inB] = await deliverEvent(b, github, eventId, 1);
    expect((await getRecord(server.url, b.key, inB as string)).attempt).toBe(1);
  });

  it("gives a request without a body or a sender id no key, attempt 1 and a timeline of itself", async () => {
    const bin = await createBin(server.url);
    const first = await send(bin, { headers: [], body: "" }, "GET");
    const second = await send(bin, { headers: [], body: "" }, "GET");
    const record = await getRecord(server.url, bin.key, second);
    expect([record.deliveryKey, record.attempt]).toEqual([null, 1]);
    const res = await timeline(bin, second);
    expect(res.json).toEqual({
      deliveryKey: null,
      deliveries: [
        { id: second, seq: record.seq, attempt: 1, receivedAt: record.receivedAt, gapMs: null, answer: DEFAULT_ANSWER },
      ],
      total: 1,
    });
    expect(first).not.toBe(second);
  });

  it("carries the attempt in the live stream's summaries", async () => {
    const bin = await createBin(server.url);
    const stream = await openStream(`${server.url}/api/bins/${bin.key}/stream`);
    try {
      await send(bin, { headers: [["Idempotency-Key", "order-1"]], body: "{}" });
      await send(bin, { headers: [["Idempotency-Key", "order-1"]], body: "{}" });
      const events = (await stream.waitForEvents(2)).filter((e) => e.event === "request");
      const summaries = events.map((e) => JSON.parse(e.data) as RequestSummary);
      expect(summaries.map((s) => [s.deliveryKey, s.attempt])).toEqual([
        ["idempotency-key:order-1", 1],
        ["idempotency-key:order-1", 2],
      ]);
    } finally {
      stream.close();
    }
  });
});

describe("answers in the timeline", () => {
  it("shows which rule answered each delivery: a fail-first-2 drill, then the rule's answer", async () => {
    const bin = await createBin(server.url);
    await setRules(server.url, bin, [
      {
        name: "Fail twice",
        match: { headers: [{ name: "X-GitHub-Event", equals: null }] },
        answer: { status: 202 },
        drill: { when: { kind: "first", count: 2 }, failure: { kind: "status", status: 503 } },
      },
    ]);
    const github = WEBHOOK_SENDERS.find((s) => s.name === "GitHub") as WebhookSender;
    const eventId = github.newEventId();
    const sent = [];
    for (let attempt = 1; attempt <= 3; attempt++) sent.push(await post(bin, await github.deliver(eventId, attempt)));
    expect(sent.map((s) => s.status)).toEqual([503, 503, 202]);

    const res = await timeline(bin, sent[0]?.id as string);
    const drill = { ruleId: expect.any(String), ruleName: "Fail twice" };
    expect(res.json.deliveries.map((d) => [d.id, d.attempt, d.answer])).toEqual([
      [sent[0]?.id, 1, { ...drill, status: 503, failure: "status" }],
      [sent[1]?.id, 2, { ...drill, status: 503, failure: "status" }],
      [sent[2]?.id, 3, { ...drill, status: 202, failure: null }],
    ]);
    const listed = await listRequests(server.url, bin.key, "?redelivered=true");
    expect(listed.requests.map((r) => [r.attempt, r.answer?.status])).toEqual([
      [3, 202],
      [2, 503],
    ]);
  });
});

describe("the redelivered filter", () => {
  let bin: BinJson;
  let ids: string[];

  beforeAll(async () => {
    bin = await createBin(server.url);
    const stripe = WEBHOOK_SENDERS.find((s) => s.name === "Stripe") as WebhookSender;
    const eventId = stripe.newEventId();
    ids = [
      ...(await deliverEvent(bin, stripe, eventId, 2)),
      await send(bin, { headers: [["Content-Type", "text/plain"]], body: "once only" }),
      ...(await deliverEvent(bin, stripe, eventId, 1)),
    ];
  });

  it("lists only redeliveries, newest first, and pages through them", async () => {
    const page = await listRequests(server.url, bin.key, "?redelivered=true");
    expect(page.requests.map((r) => [r.id, r.attempt])).toEqual([
      [ids[3], 3],
      [ids[1], 2],
    ]);
    const first = await listRequests(server.url, bin.key, "?redelivered=true&limit=1");
    expect(first.requests.map((r) => r.id)).toEqual([ids[3]]);
    const rest = await listRequests(server.url, bin.key, `?redelivered=true&limit=1&cursor=${first.nextCursor}`);
    expect(rest.requests.map((r) => r.id)).toEqual([ids[1]]);
    expect(rest.nextCursor).toBeNull();
  });

  it("combines with method and text search", async () => {
    expect((await listRequests(server.url, bin.key, "?redelivered=true&method=GET")).requests).toEqual([]);
    const found = await listRequests(server.url, bin.key, "?redelivered=true&q=payment_intent");
    expect(found.requests.map((r) => r.id)).toEqual([ids[3], ids[1]]);
    expect((await listRequests(server.url, bin.key, "?redelivered=true&q=once")).requests).toEqual([]);
    expect((await listRequests(server.url, bin.key, "?redelivered=false")).requests).toHaveLength(4);
  });

  it("refuses a value other than true or false with 400", async () => {
    const res = await api<ErrorJson>(server.url, `/api/bins/${bin.key}/requests?redelivered=yes`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
  });

  it("waits for a redelivery only when asked", async () => {
    const res = await api<{ id: string }>(server.url, `/api/bins/${bin.key}/requests/wait?after=0&redelivered=true`);
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(ids[1]);
  });
});

describe("timeline errors", () => {
  it("answers 404 as the record does: unknown bin, request of another bin, unknown request", async () => {
    const [bin, other] = [await createBin(server.url), await createBin(server.url)];
    const id = await send(bin, { headers: [["svix-id", "msg_404"]], body: "{}" });
    const cases: [string, string][] = [
      [`/api/bins/unknownunknownunknown0/requests/${id}/deliveries`, "bin_not_found"],
      [`/api/bins/${bin.token}/requests/${id}/deliveries`, "bin_not_found"],
      [`/api/bins/${other.key}/requests/${id}/deliveries`, "request_not_found"],
      [`/api/bins/${bin.key}/requests/0190b1d2-0000-7000-8000-000000000001/deliveries`, "request_not_found"],
      [`/api/bins/${bin.key}/requests/not-an-id/deliveries`, "request_not_found"],
    ];
    for (const [path, code] of cases) {
      const res = await api<ErrorJson>(server.url, path);
      expect([path, res.status, res.json.error.code]).toEqual([path, 404, code]);
    }
  });

  it("answers other methods with 405", async () => {
    const bin = await createBin(server.url);
    const id = await send(bin, { headers: [], body: "x" });
    const res = await api<ErrorJson>(server.url, `/api/bins/${bin.key}/requests/${id}/deliveries`, { method: "POST" });
    expect(res.status).toBe(405);
  });
});

describe("through a share link", () => {
  it("mirrors the timeline and the filter, and answers 404 for another bin's request or a revoked link", async () => {
    const [bin, other] = [await createBin(server.url), await createBin(server.url)];
    const svix = WEBHOOK_SENDERS.find((s) => s.name === "Svix") as WebhookSender;
    const ids = await deliverEvent(bin, svix, svix.newEventId(), 2);
    const otherId = await send(other, { headers: [], body: "elsewhere" });
    const shared = (await api<ShareJson>(server.url, `/api/bins/${bin.key}/shares`, { method: "POST", body: "{}" }))
      .json;

    const viaShare = await api<DeliveryTimeline>(server.url, `/api/shares/${shared.id}/requests/${ids[1]}/deliveries`);
    expect(viaShare.status).toBe(200);
    expect(viaShare.json).toEqual((await timeline(bin, ids[1] as string)).json);

    const list = await api<RequestPage>(server.url, `/api/shares/${shared.id}/requests?redelivered=true`);
    expect(list.json.requests.map((r) => r.id)).toEqual([ids[1]]);

    const elsewhere = await api<ErrorJson>(server.url, `/api/shares/${shared.id}/requests/${otherId}/deliveries`);
    expect([elsewhere.status, elsewhere.json.error.code]).toEqual([404, "request_not_found"]);
    const unknown = await api<ErrorJson>(
      server.url,
      `/api/shares/unknownshareunknownshare/requests/${ids[0]}/deliveries`,
    );
    expect([unknown.status, unknown.json.error.code]).toEqual([404, "share_not_found"]);
    const byKey = await api<ErrorJson>(server.url, `/api/shares/${bin.key}/requests/${ids[0]}/deliveries`);
    expect([byKey.status, byKey.json.error.code]).toEqual([404, "share_not_found"]);
    expect((await api(server.url, `/api/bins/${bin.key}/shares/${shared.id}`, { method: "DELETE" })).status).toBe(204);
    const revoked = await api<ErrorJson>(server.url, `/api/shares/${shared.id}/requests/${ids[0]}/deliveries`);
    expect([revoked.status, revoked.json.error.code]).toEqual([404, "share_not_found"]);
  });
});
