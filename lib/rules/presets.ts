// Rules for the verification handshakes providers send before they deliver any event: each preset
// builds one rule that answers the provider's challenge the way its documentation asks.
import { type RuleInput, ruleSchema } from "./schema.ts";

export interface PresetInput {
  name: string;
  label: string;
  /** Stored as the rule's signing secret: shown masked afterwards, never in full. */
  secret: boolean;
  required: boolean;
}

export interface Preset {
  id: string;
  label: string;
  description: string;
  inputs: PresetInput[];
  build(values: Record<string, string>): RuleInput;
}

const TEXT = ["Content-Type", "text/plain; charset=utf-8"] as [string, string];
const JSON_TYPE = ["Content-Type", "application/json"] as [string, string];

/** The value of a required input, refused when blank so a preset never stores an empty secret. */
function required(values: Record<string, string>, name: string): string {
  const value = values[name]?.trim() ?? "";
  if (!value) throw new Error(`${name} is required`);
  return value;
}

export const PRESETS: Preset[] = [
  {
    // https://api.slack.com/events/url_verification: a POST of
    // {"token":…,"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}
    // is answered 200 with the challenge as text/plain (or as JSON).
    id: "slack-url-verification",
    label: "Slack url_verification",
    description: "Answers Slack's Events API url_verification request with its challenge.",
    inputs: [],
    build: () =>
      ruleSchema.parse({
        name: "Slack url_verification",
        match: { method: "POST", body: { kind: "json", pointer: "/type", equals: "url_verification" } },
        answer: { status: 200, headers: [TEXT], body: "{{json./challenge}}" },
      }),
  },
  {
    // https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests:
    // GET ?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock is answered
    // 200 with the hub.challenge value, once the verify token is the one set in the app dashboard.
    id: "meta-hub-challenge",
    label: "Meta / WhatsApp hub.challenge",
    description:
      "Answers Meta's (Facebook, Instagram, WhatsApp) subscription GET with hub.challenge; with a verify token, only when hub.verify_token matches it.",
    inputs: [{ name: "verifyToken", label: "Verify token", secret: false, required: false }],
    build: (values) => {
      const verifyToken = values.verifyToken?.trim() ?? "";
      return ruleSchema.parse({
        name: "Meta hub.challenge",
        match: {
          method: "GET",
          query: [
            { name: "hub.mode", equals: "subscribe" },
            { name: "hub.challenge", equals: null },
            ...(verifyToken ? [{ name: "hub.verify_token", equals: verifyToken }] : []),
          ],
        },
        answer: { status: 200, headers: [TEXT], body: "{{query.hub.challenge}}" },
      });
    },
  },
  {
    // https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation:
    // a POST to the notification URL with ?validationToken=<url-encoded token> is answered 200 within
    // 10 s, Content-Type text/plain, with the decoded token as the body.
    id: "microsoft-graph-validation",
    label: "Microsoft Graph validationToken",
    description: "Answers Microsoft Graph's subscription validation with the decoded validationToken as text/plain.",
    inputs: [],
    build: () =>
      ruleSchema.parse({
        name: "Microsoft Graph validationToken",
        match: { method: "POST", query: [{ name: "validationToken", equals: null }] },
        answer: { status: 200, headers: [["Content-Type", "text/plain"]], body: "{{query.validationToken}}" },
      }),
  },
  {
    // https://www.dropbox.com/developers/reference/webhooks: a GET with ?challenge=… is answered by
    // echoing the challenge, with Content-Type: text/plain and X-Content-Type-Options: nosniff (every
    // capture answer carries nosniff already).
    id: "dropbox-challenge",
    label: "Dropbox challenge",
    description: "Answers Dropbox's webhook verification GET by echoing the challenge as text/plain.",
    inputs: [],
    build: () =>
      ruleSchema.parse({
        name: "Dropbox challenge",
        match: { method: "GET", query: [{ name: "challenge", equals: null }] },
        answer: { status: 200, headers: [["Content-Type", "text/plain"]], body: "{{query.challenge}}" },
      }),
  },
  {
    // https://developers.zoom.us/docs/api/webhooks/#validate-your-webhook-endpoint: a POST of
    // {"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}
    // is answered 200 with {"plainToken":…,"encryptedToken":<hex HMAC-SHA256 of plainToken keyed
    // with the app's secret token>}.
    id: "zoom-url-validation",
    label: "Zoom endpoint.url_validation",
    description: "Answers Zoom's endpoint.url_validation with the plainToken and its HMAC under your secret token.",
    inputs: [{ name: "secretToken", label: "Secret token", secret: true, required: true }],
    build: (values) =>
      ruleSchema.parse({
        name: "Zoom endpoint.url_validation",
        match: { method: "POST", body: { kind: "json", pointer: "/event", equals: "endpoint.url_validation" } },
        answer: {
          status: 200,
          headers: [JSON_TYPE],
          body: '{"plainToken":"{{json./payload/plainToken}}","encryptedToken":"{{signature}}"}',
          sign: {
            algorithm: "sha256",
            encoding: "hex",
            input: "{{json./payload/plainToken}}",
            secret: required(values, "secretToken"),
          },
        },
      }),
  },
  {
    // https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks:
    // the challenge-response check is a GET with ?crc_token=…, answered 200 with
    // {"response_token":"sha256=<base64 HMAC-SHA256 of crc_token keyed with the consumer secret>"}.
    id: "x-crc",
    label: "Twitter / X CRC",
    description: "Answers X's challenge-response check (crc_token) with the HMAC under your consumer secret.",
    inputs: [{ name: "consumerSecret", label: "Consumer secret", secret: true, required: true }],
    build: (values) =>
      ruleSchema.parse({
        name: "X CRC",
        match: { method: "GET", query: [{ name: "crc_token", equals: null }] },
        answer: {
          status: 200,
          headers: [JSON_TYPE],
          body: '{"response_token":"sha256={{signature}}"}',
          sign: {
            algorithm: "sha256",
            encoding: "base64",
            input: "{{query.crc_token}}",
            secret: required(values, "consumerSecret"),
          },
        },
      }),
  },
];
