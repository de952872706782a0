// Deliveries as real webhook senders make them, first attempt and retries alike: the headers each
// sender sets (signatures computed by its own library where it has one, else as its docs say) and the body shape it signs.
// A retry keeps the sender's event id and changes what a real retry changes (timestamps,
// signatures, transmission ids, retry counters).
import { createHash, createHmac, randomUUID } from "node:crypto";
import { sign as signGitHub } from "@octokit/webhooks-methods";
import { Webhook as StandardWebhook } from "standardwebhooks";
import Stripe from "stripe";
import { Webhook as SvixWebhook } from "svix";
import Twilio from "twilio";

export interface Delivery {
  headers: [string, string][];
  body: string;
}

export interface WebhookSender {
  name: string;
  /** A fresh event id in the sender's own format. */
  newEventId(): string;
  /** The delivery key Hookscope should give this event. */
  expectedKey(eventId: string): string;
  /** Attempt 1 is the first delivery; later ones are the sender's retries. */
  deliver(eventId: string, attempt: number): Promise<Delivery>;
}

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const seconds = (attempt: number) => String(1_764_400_000 + attempt * 30);

const standardWebhooks: WebhookSender = {
  name: "Standard Webhooks",
  newEventId: () => `msg_${randomUUID().replaceAll("-", "").slice(0, 27)}`,
  expectedKey: (id) => `webhook-id:${id}`,
  async deliver(id, attempt) {
    const body = JSON.stringify({ type: "invoice.paid", timestamp: "2026-11-29T16:00:00Z", data: { id: "inv_1" } });
    const ts = seconds(attempt);
    return {
      body,
      headers: [
        ["Content-Type", "application/json"],
        ["webhook-id", id],
        ["webhook-timestamp", ts],
        ["webhook-signature", new StandardWebhook(SECRET).sign(id, new Date(Number(ts) * 1000), body)],
      ],
    };
  },
};

const svix: WebhookSender = {
  name: "Svix",
  newEventId: () => `msg_${randomUUID().replaceAll("-", "").slice(0, 27)}`,
  expectedKey: (id) => `svix-id:${id}`,
  async deliver(id, attempt) {
    const body = JSON.stringify({ type: "user.created", data: { id: "user_29w83sxmDNGwOuEthce5gg56FcC" } });
    const ts = seconds(attempt);
    return {
      body,
      headers: [
        ["User-Agent", "Svix-Webhooks/1.43.0"],
        ["Content-Type", "application/json"],
        ["svix-id", id],
        ["svix-timestamp", ts],
        ["svix-signature", new SvixWebhook(SECRET).sign(id, new Date(Number(ts) * 1000), body)],
      ],
    };
  },
};

const github: WebhookSender = {
  name: "GitHub",
  newEventId: () => randomUUID(),
  expectedKey: (id) => `github:${id}`,
  async deliver(id) {
    const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 123456, hook: { type: "Repository" } });
    return {
      body,
      headers: [
        ["User-Agent", "GitHub-Hookshot/044aadd"],
        ["Content-Type", "application/json"],
        ["X-GitHub-Delivery", id],
        ["X-GitHub-Event", "ping"],
        ["X-GitHub-Hook-ID", "123456"],
        ["X-Hub-Signature-256", await signGitHub(SECRET, body)],
      ],
    };
  },
};

const shopify: WebhookSender = {
  name: "Shopify",
  newEventId: () => randomUUID(),
  expectedKey: (id) => `shopify:${id}`,
  async deliver(id, attempt) {
    const body = JSON.stringify({ id: 450789469, email: "jon@example.com", total_price: "199.00" });
    return {
      body,
      headers: [
        ["Content-Type", "application/json"],
        ["X-Shopify-Topic", "orders/create"],
        ["X-Shopify-Hmac-Sha256", createHmac("sha256", SECRET).update(body).digest("base64")],
        ["X-Shopify-Shop-Domain", "example.myshopify.com"],
        ["X-Shopify-API-Version", "2025-10"],
        ["X-Shopify-Webhook-Id", id],
        ["X-Shopify-Event-Id", "98880550-7158-44d4-b7cd-2c97c8a091b5"],
        ["X-Shopify-Triggered-At", `2026-11-29T16:00:0${attempt}.000Z`],
      ],
    };
  },
};

const stripe: WebhookSender = {
  name: "Stripe",
  newEventId: () => `evt_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
  expectedKey: (id) => `stripe:${id}`,
  async deliver(id, attempt) {
    const body = JSON.stringify(
      {
        id,
        object: "event",
        api_version: "2025-10-29.clover",
        created: 1764400000,
        data: { object: { id: "pi_3MtwBwLkdIwHu7ix28a3tqPa", object: "payment_intent", amount: 2000 } },
        livemode: false,
        pending_webhooks: 1,
        type: "payment_intent.succeeded",
      },
      null,
      2,
    );
    const header = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: SECRET,
      timestamp: Number(seconds(attempt)),
    });
    return {
      body,
      headers: [
        ["User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"],
        ["Content-Type", "application/json; charset=utf-8"],
        ["Stripe-Signature", header],
      ],
    };
  },
};

const slack: WebhookSender = {
  name: "Slack Events API",
  newEventId: () => `Ev${randomUUID().replaceAll("-", "").slice(0, 9).toUpperCase()}`,
  expectedKey: (id) => `slack:${id}`,
  async deliver(id, attempt) {
    const body = JSON.stringify({
      token: "XXYYZZ",
      team_id: "T123ABC456",
      api_app_id: "A123ABC456",
      event: { type: "app_mention", user: "U123ABC456", text: "<@U0LAN0Z89> hi", ts: "1515449522.000016" },
      type: "event_callback",
      event_id: id,
      event_time: 1764400000,
    });
    const ts = seconds(attempt);
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
    const retry: [string, string][] =
      attempt > 1
        ? [
            ["X-Slack-Retry-Num", String(attempt - 1)],
            ["X-Slack-Retry-Reason", "http_timeout"],
          ]
        : [];
    return {
      body,
      headers: [
        ["Content-Type", "application/json"],
        ["X-Slack-Request-Timestamp", ts],
        ["X-Slack-Signature", signature],
        ...retry,
      ],
    };
  },
};

const twilio: WebhookSender = {
  name: "Twilio",
  newEventId: () => `idempotency-token-${randomUUID()}`,
  expectedKey: (id) => `twilio:${id}`,
  async deliver(id) {
    const params = {
      MessageSid: "SM1234567890abcdef1234567890abcdef",
      AccountSid: "AC1234567890abcdef1234567890abcdef",
      From: "+15005550006",
      To: "+15005550001",
      Body: "hello",
    };
    const body = new URLSearchParams(params).toString();
    // Twilio signs the URL it was configured with and the form fields.
    const signature = Twilio.getExpectedTwilioSignature(SECRET, "https://hooks.example/h/token/sms", params);
    return {
      body,
      headers: [
        ["Content-Type", "application/x-www-form-urlencoded"],
        ["X-Twilio-Signature", signature],
        ["I-Twilio-Idempotency-Token", id],
        ["User-Agent", "TwilioProxy/1.1"],
      ],
    };
  },
};

const paypal: WebhookSender = {
  name: "PayPal",
  newEventId: () => `WH-${randomUUID().toUpperCase()}`,
  expectedKey: (id) => `paypal:${id}`,
  async deliver(id) {
    const body = JSON.stringify({
      id,
      event_version: "1.0",
      create_time: "2026-11-29T16:00:00.000Z",
      resource_type: "capture",
      event_type: "PAYMENT.CAPTURE.COMPLETED",
      summary: "Payment completed for $ 7.47 USD",
      resource: { id: "42311647XV020574X", status: "COMPLETED" },
    });
    return {
      body,
      headers: [
        ["Content-Type", "application/json"],
        // A new transmission for each attempt.
        ["PAYPAL-TRANSMISSION-ID", randomUUID()],
        ["PAYPAL-TRANSMISSION-TIME", new Date().toISOString()],
        ["PAYPAL-TRANSMISSION-SIG", createHmac("sha256", SECRET).update(body).digest("base64")],
        ["PAYPAL-CERT-URL", "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77"],
        ["PAYPAL-AUTH-ALGO", "SHA256withRSA"],
      ],
    };
  },
};

const gitlab: WebhookSender = {
  name: "GitLab (Idempotency-Key)",
  newEventId: () => randomUUID(),
  expectedKey: (id) => `idempotency-key:${id}`,
  async deliver(id) {
    const body = JSON.stringify({ object_kind: "push", ref: "refs/heads/main", checkout_sha: "da1560886d4f" });
    return {
      body,
      headers: [
        ["Content-Type", "application/json"],
        ["User-Agent", "GitLab/18.5.0"],
        ["X-Gitlab-Event", "Push Hook"],
        ["X-Gitlab-Webhook-UUID", randomUUID()],
        ["X-Gitlab-Event-UUID", randomUUID()],
        ["Idempotency-Key", id],
        ["X-Gitlab-Token", "secret-token"],
      ],
    };
  },
};

/** A sender that gives no id: the same body is the same event. */
const anonymous: WebhookSender = {
  name: "no sender id (body hash)",
  newEventId: () => JSON.stringify({ event: "order.paid", order: randomUUID() }),
  expectedKey: (body) => `sha256:${createHash("sha256").update(body).digest("hex")}`,
  async deliver(body) {
    return { body, headers: [["Content-Type", "application/json"]] };
  },
};

export const WEBHOOK_SENDERS: WebhookSender[] = [
  standardWebhooks,
  svix,
  github,
  shopify,
  stripe,
  slack,
  twilio,
  paypal,
  gitlab,
  anonymous,
];
