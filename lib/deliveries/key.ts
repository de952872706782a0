// A capture's delivery key: the id the sender gives the event it delivers, which stays the same
// when the sender retries, so that redeliveries of one event can be counted and shown together.
// Computed by the capture writer (for SQLite on its thread, off the event loop that answers
// senders), or on the capture path when a rule needs it before the write: headers first, the body
// parsed only for senders whose id lives there, the body's hash when the sender gives no id.
import { hash } from "node:crypto";
import { firstHeader } from "../capture/headers.ts";

/** Longer ids are kept as their hash, so that a key stays small in the index and in every summary. */
export const MAX_KEY_VALUE_CHARS = 200;
/** Larger bodies are not parsed for an id (Stripe's, Slack's and PayPal's events are a few KiB). */
export const MAX_KEY_JSON_BYTES = 1024 * 1024;

/** Headers that carry the sender's event id, tried in this order; the source names the key. */
const HEADER_SOURCES: readonly { header: string; source: string }[] = [
  // Standard Webhooks (https://www.standardwebhooks.com/): "the same id when a message is retried".
  { header: "webhook-id", source: "webhook-id" },
  // Svix (https://docs.svix.com/receiving/verifying-payloads/how-manual): svix-id, the message id.
  { header: "svix-id", source: "svix-id" },
  // GitHub: a redelivery keeps the delivery's GUID
  // (https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers).
  { header: "x-github-delivery", source: "github" },
  // Shopify: the webhook id stays the same on every retry of one delivery; the event id is the
  // same across duplicates (https://shopify.dev/docs/apps/build/webhooks/ignore-duplicates), and
  // Shopify Events names its delivery id Shopify-Webhook-Id
  // (https://shopify.dev/docs/apps/build/events/verify-deliveries).
  { header: "x-shopify-webhook-id", source: "shopify" },
  { header: "shopify-webhook-id", source: "shopify" },
  { header: "x-shopify-event-id", source: "shopify-event" },
  // Twilio: the same token on every retry of a webhook
  // (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides).
  { header: "i-twilio-idempotency-token", source: "twilio" },
];

/**
 * The delivery key of a request, as "<source>:<value>": the sender's own event id when it gives
 * one, else "sha256:<hex>" of a non-empty body, else null. Header names are matched
 * case-insensitively and the first occurrence wins.
 */
export function deliveryKey(rawHeaders: readonly string[], body: Uint8Array): string | null {
  for (const { header, source } of HEADER_SOURCES) {
    const key = keyOf(source, firstHeader(rawHeaders, header));
    if (key) return key;
  }
  const fromBody = bodyKey(rawHeaders, body);
  if (fromBody) return fromBody;
  // A generic convention (GitLab: "consistent across webhook retries",
  // https://docs.gitlab.com/user/project/integrations/webhooks/#delivery-headers), so after
  // every sender-specific id.
  const idempotency = keyOf("idempotency-key", firstHeader(rawHeaders, "idempotency-key"));
  if (idempotency) return idempotency;
  if (body.byteLength === 0) return null;
  // One-shot hashing: no Hash object per row (about half the cost for a 1 KB body).
  return `sha256:${hash("sha256", body, "hex")}`;
}

/** Ids that senders put in the JSON body they sign. */
function bodyKey(rawHeaders: readonly string[], body: Uint8Array): string | null {
  let parsed: unknown;
  let read = false;
  const json = (): Record<string, unknown> | null => {
    if (!read) {
      read = true;
      parsed = parseObject(body);
    }
    return parsed as Record<string, unknown> | null;
  };
  // Stripe: the event's id ("evt_..."), the same on every retry
  // (https://docs.stripe.com/webhooks#handle-duplicate-events); only with Stripe's signature header.
  if (firstHeader(rawHeaders, "stripe-signature") !== null) {
    const key = keyOf("stripe", stringField(json(), "id"));
    if (key) return key;
  }
  // PayPal: the webhook event's id ("WH-..."); the transmission id changes with each attempt
  // (https://developer.paypal.com/api/rest/webhooks/rest/).
  if (firstHeader(rawHeaders, "paypal-transmission-id") !== null) {
    const key = keyOf("paypal", stringField(json(), "id"));
    if (key) return key;
  }
  // Slack's Events API: event_id of an event_callback, kept across its retries
  // (https://api.slack.com/apis/events-api#retries). Slack signs every request.
  if (firstHeader(rawHeaders, "x-slack-signature") !== null) {
    const envelope = json();
    if (envelope?.type === "event_callback") {
      const key = keyOf("slack", stringField(envelope, "event_id"));
      if (key) return key;
    }
  }
  return null;
}

function parseObject(body: Uint8Array): Record<string, unknown> | null {
  if (body.byteLength === 0 || body.byteLength > MAX_KEY_JSON_BYTES) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function stringField(object: Record<string, unknown> | null, field: string): string | null {
  const value = object?.[field];
  return typeof value === "string" ? value : null;
}

/** "<source>:<value>" for a non-empty trimmed value; a long value is kept as its hash. */
function keyOf(source: string, value: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (trimmed.length <= MAX_KEY_VALUE_CHARS) return `${source}:${trimmed}`;
  return `${source}:sha256:${hash("sha256", trimmed, "hex")}`;
}

/** A row's delivery key: the one the capture path computed, else computed now from its headers and body. */
export function rowDeliveryKey(row: {
  rawHeaders: readonly string[];
  body: Uint8Array;
  deliveryKey?: string | null;
}): string | null {
  return row.deliveryKey === undefined ? deliveryKey(row.rawHeaders, row.body) : row.deliveryKey;
}
