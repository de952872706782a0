// Every operation Hookscope serves, Next's route handlers and the node:http front alike
// (capture, live streams, body downloads, waits, metrics). tests/openapi-coverage.test.ts fails
// when a route exists that this table lacks, or when an entry here no longer has a route.
import type { z } from "zod";
import { listBinsSchema } from "../bins/schema.ts";
import { listQuerySchema } from "../requests/list-query.ts";
import { waitQuerySchema } from "../wait/wait-query.ts";
import type { AnswerName, InputName } from "./components.ts";

export type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** Who may call: see the README's Access table. */
export type Access =
  | "open" // anyone, in every mode
  | "bin" // the bin's key in the path; in private mode a signed-in caller too
  | "share" // the share link's id in the path, in every mode
  | "create" // anyone in open mode; a signed-in caller in restricted and private
  | "signedIn" // a signed-in caller only
  | "metrics"; // Authorization: Bearer <METRICS_TOKEN>

export interface Answer {
  description: string;
  /** A JSON answer of this component. */
  json?: AnswerName;
  /** Any other media type, with what its body holds. */
  media?: { type: string; description: string; kind: "text" | "binary" | "object" };
  headers?: Record<string, string>;
}

export interface Operation {
  method: Method;
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodObject;
  /** Query parameters no zod schema parses (the node:http handlers read them by hand). */
  extraParameters?: Parameter[];
  body?: InputName;
  responses: Record<number, Answer>;
}

export interface Parameter {
  name: string;
  in: "query" | "header";
  description: string;
  schema: { type: string; pattern?: string; enum?: string[] };
}

const error = (description: string): Answer => ({ description, json: "Error" });
const noContent = (description: string): Answer => ({ description });

const validation = error("Invalid input (`validation_failed`, `invalid_json`, ...).");
const binNotFound = error("No bin with this key (`bin_not_found`); a token here answers the same.");
const requestNotFound = error("No such bin or request (`bin_not_found`, `request_not_found`).");
const shareNotFound = error("No such share link, or it was revoked (`share_not_found`).");
const tooLarge = error("The JSON body is larger than `MAX_API_BODY_BYTES` (`body_too_large`).");
const notJson = error("The body was not sent as `application/json` (`unsupported_media_type`).");
const jsonBody = { 400: validation, 413: tooLarge, 415: notJson };

const streamAnswer: Answer = {
  description:
    "`text/event-stream`: each capture is `id: <seq>`, `event: request`, `data: <RequestSummary JSON>`, in capture " +
    'order; deletions are `event: deleted` (`data: {"id"}`) and `event: cleared`, without an id. A comment line ' +
    "comes every `SSE_HEARTBEAT_MS`.",
  media: { type: "text/event-stream", description: "Server-sent events.", kind: "text" },
};

const streamParameters: Parameter[] = [
  {
    name: "since",
    in: "query",
    description: "Replay every capture after this seq first, then go live (`Last-Event-ID` wins when both are sent).",
    schema: { type: "string", pattern: "^\\d+$" },
  },
  {
    name: "Last-Event-ID",
    in: "header",
    description: "Resume after this seq; browsers send it by themselves when they reconnect.",
    schema: { type: "string", pattern: "^\\d+$" },
  },
];

const decodeParameter: Parameter = {
  name: "decode",
  in: "query",
  description:
    "`1`: undo the body's Content-Encoding (gzip, x-gzip, deflate, br); the download says what it did in " +
    "`X-Hookscope-Decoded` and `X-Hookscope-Undecoded`.",
  schema: { type: "string", enum: ["1", "0", "true", "false"] },
};

const bodyAnswers: Record<number, Answer> = {
  200: {
    description:
      "The body bytes exactly as captured (or decoded with `decode=1`), as an attachment: never rendered as active content.",
    media: { type: "application/octet-stream", description: "The stored bytes.", kind: "binary" },
    headers: {
      "Content-Disposition": "`attachment` with a safe file name.",
      "X-Hookscope-Decoded": "With `decode=1`: the codings undone.",
      "X-Hookscope-Undecoded": "With `decode=1`: codings left as stored (unknown ones).",
    },
  },
  400: error("`decode` is not 1 or 0, or the body cannot be decoded (`body_not_decodable`)."),
  503: error("Downloads in progress hold `MAX_DOWNLOAD_INFLIGHT_BYTES` already (`server_busy`); retry."),
};

const diffParameters: Parameter[] = [
  { name: "a", in: "query", description: "The request compared from (before): its id.", schema: { type: "string" } },
  {
    name: "b",
    in: "query",
    description: "The request compared with (after): its id, or `previous` for the previous delivery of a's event.",
    schema: { type: "string" },
  },
];

const idsParameter: Parameter = {
  name: "ids",
  in: "query",
  description: "A comma-separated list of request ids (at most `EXPORT_MAX_REQUESTS`); instead of the filters.",
  schema: { type: "string" },
};

/** The list's filters, as an export selects with them. */
const exportQuery = listQuerySchema.pick({ method: true, q: true, redelivered: true });

const harAnswer: Answer = {
  description:
    "A HAR 1.2 file as a download (`Content-Disposition: attachment`): bodies byte-exact, base64 where needed.",
  media: { type: "application/json", description: "HAR 1.2.", kind: "object" },
};

const jsonlAnswer: Answer = {
  description: "One full record per line (JSON lines) as a download, bodies byte-exact.",
  media: { type: "application/jsonl", description: "JSON lines.", kind: "text" },
};

/** The diff, timeline and export operations, the same through a key and through a share link. */
function readingTools(prefix: string, idName: string, idSuffix: string, tag: string, access: Access): Operation[] {
  const notFound = access === "share" ? shareNotFound : binNotFound;
  return [
    {
      method: "get",
      path: `${prefix}/diff`,
      operationId: `diffRequests${idSuffix}`,
      tag,
      summary: "Compare two requests",
      description:
        "Method, path, query, headers and body side by side: JSON structurally (moved keys are not changes), text " +
        "line by line, binary by size and hash.",
      access,
      extraParameters: diffParameters,
      responses: {
        200: { description: "What differs.", json: "RequestDiff" },
        400: validation,
        404: error("No such bin, share link or request, or no previous delivery."),
      },
    },
    {
      method: "get",
      path: `${prefix}/requests/{${idName}}/deliveries`,
      operationId: `deliveryTimeline${idSuffix}`,
      tag,
      summary: "Every delivery of the request's event, oldest first",
      access,
      responses: {
        200: { description: "The delivery timeline.", json: "DeliveryTimeline" },
        404: error("No such bin, share link or request."),
      },
    },
    {
      method: "get",
      path: `${prefix}/export.har`,
      operationId: `exportHar${idSuffix}`,
      tag,
      summary: "Export requests as HAR 1.2",
      description: "The requests the filters select (all when none), or those named by `ids`.",
      access,
      query: exportQuery,
      extraParameters: [idsParameter],
      responses: { 200: harAnswer, 400: validation, 404: notFound },
    },
    {
      method: "get",
      path: `${prefix}/export.jsonl`,
      operationId: `exportJsonl${idSuffix}`,
      tag,
      summary: "Export requests as JSON lines",
      description: "The requests the filters select (all when none), or those named by `ids`.",
      access,
      query: exportQuery,
      extraParameters: [idsParameter],
      responses: { 200: jsonlAnswer, 400: validation, 404: notFound },
    },
  ];
}

const CAPTURE_METHODS: Method[] = ["get", "post", "put", "patch", "delete", "head", "options", "trace"];

const captureAnswers: Record<number, Answer> = {
  200: {
    description:
      "Sent once the request is durably stored: the bin's configured response (any status from 200 to 599, its " +
      "headers and body), by default `200` with this JSON. Every answer carries `X-Hookscope-Request-Id`, " +
      "`Content-Security-Policy: sandbox; default-src 'none'` and `X-Content-Type-Options: nosniff`.",
    json: "CaptureAnswer",
    headers: { "X-Hookscope-Request-Id": "The id of the stored request." },
  },
  204: noContent(
    "A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) while the bin's `response.cors` is true: the requested method and headers allowed. It is recorded too.",
  ),
  400: error("A method Node's HTTP parser rejects; nothing is stored."),
  404: error("No bin with this token (`bin_not_found`); nothing is stored."),
  408: error("The sender took longer than `HEADERS_TIMEOUT_MS` or `REQUEST_TIMEOUT_MS`."),
  413: error("The body is larger than `MAX_BODY_BYTES` (`body_too_large`); the connection is closed."),
  421: error("With `CAPTURE_URL` set, captures are taken on that host only (`misdirected_request`)."),
  429: error("Past `RATE_LIMIT_PER_IP` or `RATE_LIMIT_PER_BIN` (`rate_limited`, with `Retry-After`)."),
  431: error("The request headers are larger than `MAX_HEADER_BYTES`."),
  503: error("The in-flight body budget is spent or storage is unavailable (with `Retry-After`)."),
};

function capture(path: string, idSuffix: string, summary: string): Operation[] {
  return CAPTURE_METHODS.map((method) => ({
    method,
    path,
    operationId: `capture${idSuffix}${method[0]?.toUpperCase()}${method.slice(1)}`,
    tag: "Capture",
    summary,
    description:
      "Every method Node's HTTP parser accepts is captured, not only these (`PROPFIND`, `QUERY`, `PURGE`, `CONNECT` " +
      "...), with any body: method, raw path and query, headers in arrival order with original case and " +
      "duplicates, body bytes, client address and time are stored as sent.",
    access: "open",
    responses: captureAnswers,
  }));
}

export const operations: Operation[] = [
  ...capture("/h/{token}", "", "Capture a request"),
  ...capture("/h/{token}/{subPath}", "SubPath", "Capture a request on a sub-path"),

  {
    method: "post",
    path: "/api/bins",
    operationId: "createBin",
    tag: "Bins",
    summary: "Create a bin",
    access: "create",
    body: "CreateBinInput",
    responses: {
      201: { description: "The new bin.", json: "Bin" },
      ...jsonBody,
      401: error("In restricted and private mode, creating bins needs a signed-in caller (`unauthorized`)."),
      429: error("Past `RATE_LIMIT_BIN_CREATION` bins a minute from this address (`rate_limited`)."),
    },
  },
  {
    method: "get",
    path: "/api/bins",
    operationId: "listBins",
    tag: "Bins",
    summary: "List every bin, most recent activity first",
    access: "signedIn",
    query: listBinsSchema,
    responses: {
      200: { description: "The bins, searched by name.", json: "BinList" },
      400: validation,
      401: error("Only a signed-in caller may list every bin (`unauthorized`)."),
    },
  },
  {
    method: "get",
    path: "/api/bins/{key}",
    operationId: "getBin",
    tag: "Bins",
    summary: "Read a bin",
    access: "bin",
    responses: { 200: { description: "The bin.", json: "Bin" }, 404: binNotFound },
  },
  {
    method: "patch",
    path: "/api/bins/{key}",
    operationId: "updateBin",
    tag: "Bins",
    summary: "Update a bin's name, response, answer rules and forwardUrl",
    description:
      "A given `response` replaces the whole object, omitted fields taking their defaults; a given `rules` replaces " +
      "the list (a rule sent back without its `sign.secret` keeps the secret stored under its id).",
    access: "bin",
    body: "UpdateBinInput",
    responses: { 200: { description: "The bin as it now is.", json: "Bin" }, ...jsonBody, 404: binNotFound },
  },
  {
    method: "delete",
    path: "/api/bins/{key}",
    operationId: "deleteBin",
    tag: "Bins",
    summary: "Delete a bin and all its requests",
    access: "bin",
    responses: { 204: noContent("Deleted."), 404: binNotFound },
  },
  {
    method: "post",
    path: "/api/bins/{key}/rotate",
    operationId: "rotateBinSecret",
    tag: "Bins",
    summary: "Give the bin a new key or a new capture token",
    description: "The old secret stops working at once on every instance; live streams opened with an old key end.",
    access: "bin",
    body: "RotateBinInput",
    responses: { 200: { description: "The bin as it now is.", json: "Bin" }, ...jsonBody, 404: binNotFound },
  },

  {
    method: "get",
    path: "/api/bins/{key}/requests",
    operationId: "listRequests",
    tag: "Requests",
    summary: "List captured requests, newest first",
    description:
      "A search reads at most `SEARCH_SCAN_MAX_BYTES` of stored text, so a page may hold fewer than `limit` requests " +
      "with a `nextCursor`: follow it until it is null to search the whole bin.",
    access: "bin",
    query: listQuerySchema,
    responses: {
      200: { description: "One page.", json: "RequestPage" },
      400: error("A bad `limit` (`invalid_limit`), `cursor` (`invalid_cursor`), `method` or `q`."),
      404: binNotFound,
    },
  },
  {
    method: "delete",
    path: "/api/bins/{key}/requests",
    operationId: "clearRequests",
    tag: "Requests",
    summary: "Clear the bin",
    access: "bin",
    responses: { 204: noContent("Every request deleted."), 404: binNotFound },
  },
  {
    method: "get",
    path: "/api/bins/{key}/requests/wait",
    operationId: "waitForRequest",
    tag: "Requests",
    summary: "Wait for the first capture after a seq that matches",
    description:
      "Answers as soon as a matching capture is stored (at once when one already is). On timeout, call again with " +
      "the same `after` to keep waiting.",
    access: "bin",
    query: waitQuerySchema,
    responses: {
      200: { description: "The full record of the matching capture.", json: "RequestRecord" },
      400: validation,
      404: binNotFound,
      408: error("Nothing matched within `timeout` (`wait_timeout`)."),
      429: error("More than `WAIT_MAX_PER_BIN` waits on this bin (`rate_limited`)."),
    },
  },
  {
    method: "get",
    path: "/api/bins/{key}/requests/{id}",
    operationId: "getRequest",
    tag: "Requests",
    summary: "Read one captured request",
    access: "bin",
    responses: { 200: { description: "The full record.", json: "RequestRecord" }, 404: requestNotFound },
  },
  {
    method: "delete",
    path: "/api/bins/{key}/requests/{id}",
    operationId: "deleteRequest",
    tag: "Requests",
    summary: "Delete one captured request",
    access: "bin",
    responses: { 204: noContent("Deleted."), 404: requestNotFound },
  },
  {
    method: "get",
    path: "/api/bins/{key}/requests/{id}/body",
    operationId: "downloadBody",
    tag: "Requests",
    summary: "Download a request's body",
    access: "bin",
    extraParameters: [decodeParameter],
    responses: { ...bodyAnswers, 404: requestNotFound },
  },
  {
    method: "get",
    path: "/api/bins/{key}/stream",
    operationId: "streamBin",
    tag: "Live stream",
    summary: "Follow the bin's captures live",
    access: "bin",
    extraParameters: streamParameters,
    responses: {
      200: streamAnswer,
      400: validation,
      404: binNotFound,
      429: error("More than `SSE_MAX_SUBSCRIBERS_PER_BIN` streams on this bin (`rate_limited`)."),
    },
  },

  {
    method: "post",
    path: "/api/bins/{key}/requests/{id}/resend",
    operationId: "resendRequest",
    tag: "Resend and replay",
    summary: "Send a captured request again, to any URL",
    description:
      "Unset fields come from the captured request (body bytes exactly); a given `headers` replaces the captured " +
      "list. Hop-by-hop headers are never sent on; `Host` and `Content-Length` are recomputed. Every attempt is recorded.",
    access: "bin",
    body: "ResendInput",
    responses: {
      200: { description: "The target answered (whatever its status).", json: "ResendAttempt" },
      400: error("Invalid input, a url that is not http(s) (`invalid_url`) or a refused address (`target_refused`)."),
      404: requestNotFound,
      413: tooLarge,
      415: notJson,
      502: {
        description: "The target could not be reached: `status`, `headers` and `body` null and `error` set.",
        json: "ResendAttempt",
      },
    },
  },
  {
    method: "get",
    path: "/api/bins/{key}/requests/{id}/resends",
    operationId: "listResends",
    tag: "Resend and replay",
    summary: "A request's resend and forward attempts, newest first",
    access: "bin",
    responses: { 200: { description: "The attempts.", json: "ResendList" }, 404: requestNotFound },
  },
  {
    method: "post",
    path: "/api/bins/{key}/replay",
    operationId: "replayRequests",
    tag: "Resend and replay",
    summary: "Resend many captures, in capture order",
    description:
      "Sends the given captures (or every capture a filter selects) to one URL, `repeat` rounds, `paceMs` apart. " +
      "With `Accept: application/x-ndjson` the answer is one line per send as it is made, then the totals. " +
      "The JSON answer holds the targets' answer bodies up to `REPLAY_MAX_ANSWER_BYTES` in all, in send order; " +
      "later sends come with an empty body and `bodyTruncated: true` (each whole answer stays in its capture's resend history).",
    access: "bin",
    body: "ReplayInput",
    responses: {
      200: {
        description: "Every send and the totals, once done.",
        json: "ReplayAnswer",
        media: {
          type: "application/x-ndjson",
          description: "One ReplaySend per line as each is made, then one ReplayTotals line (or an Error line).",
          kind: "text",
        },
      },
      ...jsonBody,
      404: requestNotFound,
      409: error("A replay of this bin is already running (`replay_in_progress`)."),
    },
  },
  {
    method: "post",
    path: "/api/bins/{key}/requests/{id}/verify",
    operationId: "verifySignature",
    tag: "Signatures",
    summary: "Check a captured request's signature",
    description:
      "Computed over the stored bytes. A secret sent here is used for this call only: neither stored nor logged. " +
      "Without `secret`, the one saved with the bin for the scheme is used, its saved options under those given.",
    access: "bin",
    body: "VerifyInput",
    responses: {
      200: { description: "The verdict, valid or not, and why.", json: "VerifyResult" },
      ...jsonBody,
      404: requestNotFound,
    },
  },

  ...readingTools("/api/bins/{key}", "id", "", "Reading tools", "bin"),
  {
    method: "post",
    path: "/api/bins/{key}/import",
    operationId: "importHar",
    tag: "Reading tools",
    summary: "Import a HAR file into the bin",
    description:
      "Each entry becomes a capture of the bin, marked as imported, with its original time; all or none. The body " +
      "may be up to `IMPORT_MAX_BYTES`.",
    access: "bin",
    body: "HarImportInput",
    responses: {
      200: { description: "How many captures the file made.", json: "HarImportAnswer" },
      400: error("Not JSON, or not a HAR file Hookscope can import (`invalid_har`, naming the entry and field)."),
      404: binNotFound,
      413: error("The file is larger than `IMPORT_MAX_BYTES` (`body_too_large`)."),
      415: notJson,
    },
  },
  ...readingTools("/api/shares/{id}", "requestId", "Shared", "Share links", "share"),

  {
    method: "post",
    path: "/api/bins/{key}/rules/preview",
    operationId: "previewRules",
    tag: "Answer rules",
    summary: "What the rules would answer to a stored capture",
    description: "The saved rules, or the `rules` given (checked as PATCH checks them); nothing is sent or saved.",
    access: "bin",
    body: "RulePreviewInput",
    responses: {
      200: { description: "The rule that matched and its answer.", json: "RulePreview" },
      ...jsonBody,
      404: requestNotFound,
    },
  },

  {
    method: "put",
    path: "/api/bins/{key}/signing-secrets/{scheme}",
    operationId: "saveSigningSecret",
    tag: "Signatures",
    summary: "Save a signing secret with the bin",
    description:
      "Verify uses it when sent no secret, replacing the one saved before for this scheme. It is stored, never " +
      "answered or logged: answers show it masked, share links not at all.",
    access: "bin",
    body: "SaveSecretInput",
    responses: {
      200: { description: "The bin's saved secrets, masked.", json: "SavedSecretList" },
      ...jsonBody,
      404: error("No such bin or scheme."),
    },
  },
  {
    method: "delete",
    path: "/api/bins/{key}/signing-secrets/{scheme}",
    operationId: "forgetSigningSecret",
    tag: "Signatures",
    summary: "Forget the scheme's saved signing secret",
    access: "bin",
    responses: { 204: noContent("Forgotten."), 404: error("No such bin or scheme.") },
  },

  {
    method: "post",
    path: "/api/bins/{key}/shares",
    operationId: "createShare",
    tag: "Share links",
    summary: "Create a read-only share link",
    access: "bin",
    body: "CreateShareInput",
    responses: { 201: { description: "The new link.", json: "Share" }, ...jsonBody, 404: binNotFound },
  },
  {
    method: "get",
    path: "/api/bins/{key}/shares",
    operationId: "listShares",
    tag: "Share links",
    summary: "The bin's share links, oldest first",
    access: "bin",
    responses: { 200: { description: "The links.", json: "ShareList" }, 404: binNotFound },
  },
  {
    method: "delete",
    path: "/api/bins/{key}/shares/{id}",
    operationId: "revokeShare",
    tag: "Share links",
    summary: "Revoke a share link",
    description: "The link and its open live streams stop at once.",
    access: "bin",
    responses: { 204: noContent("Revoked."), 404: error("No such bin or share link.") },
  },
  {
    method: "get",
    path: "/api/shares/{id}",
    operationId: "getSharedBin",
    tag: "Share links",
    summary: "What a share link tells of its bin",
    description: "Every method but GET under `/api/shares/` is a `405`.",
    access: "share",
    responses: {
      200: { description: "Name, creation, last request and count only.", json: "SharedBin" },
      404: shareNotFound,
    },
  },
  {
    method: "get",
    path: "/api/shares/{id}/requests",
    operationId: "listSharedRequests",
    tag: "Share links",
    summary: "List the shared bin's requests, newest first",
    access: "share",
    query: listQuerySchema,
    responses: { 200: { description: "One page.", json: "RequestPage" }, 400: validation, 404: shareNotFound },
  },
  {
    method: "get",
    path: "/api/shares/{id}/requests/{requestId}",
    operationId: "getSharedRequest",
    tag: "Share links",
    summary: "Read one shared request",
    description: "Its `url` starts at the sub-path: `/h/{token}` is cut off.",
    access: "share",
    responses: {
      200: { description: "The full record.", json: "RequestRecord" },
      404: error("No such share link or request."),
    },
  },
  {
    method: "get",
    path: "/api/shares/{id}/requests/{requestId}/body",
    operationId: "downloadSharedBody",
    tag: "Share links",
    summary: "Download a shared request's body",
    access: "share",
    extraParameters: [decodeParameter],
    responses: { ...bodyAnswers, 404: error("No such share link or request.") },
  },
  {
    method: "get",
    path: "/api/shares/{id}/stream",
    operationId: "streamShare",
    tag: "Share links",
    summary: "Follow the shared bin's captures live",
    access: "share",
    extraParameters: streamParameters,
    responses: { 200: streamAnswer, 400: validation, 404: shareNotFound },
  },

  {
    method: "get",
    path: "/api/session",
    operationId: "getSession",
    tag: "Access",
    summary: "Whether the caller is signed in, and the access mode",
    access: "open",
    responses: { 200: { description: "The session state.", json: "Session" } },
  },
  {
    method: "post",
    path: "/api/session",
    operationId: "signIn",
    tag: "Access",
    summary: "Sign in with an access key",
    access: "open",
    body: "SignInInput",
    responses: {
      204: {
        description: "Signed in.",
        headers: { "Set-Cookie": "The `hookscope_session` cookie: HttpOnly, SameSite=Lax." },
      },
      ...jsonBody,
      401: error("Not one of `ACCESS_KEYS` (`unauthorized`)."),
      429: error("Past `RATE_LIMIT_SIGNIN` failed sign-ins a minute from this address (`rate_limited`)."),
    },
  },
  {
    method: "delete",
    path: "/api/session",
    operationId: "signOut",
    tag: "Access",
    summary: "Sign out",
    access: "open",
    responses: { 204: { description: "Signed out; the cookie cleared.", headers: { "Set-Cookie": "Clears it." } } },
  },

  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    tag: "Operations",
    summary: "Whether the server can capture",
    description: "Answers any Host name, for probes.",
    access: "open",
    responses: {
      200: { description: "Ready.", json: "Health" },
      503: error("The database is unavailable (`storage_unavailable`)."),
    },
  },
  {
    method: "get",
    path: "/metrics",
    operationId: "metrics",
    tag: "Operations",
    summary: "Prometheus metrics",
    description: "Served when `METRICS_TOKEN` is set, to any Host name.",
    access: "metrics",
    responses: {
      200: {
        description: "Prometheus text.",
        media: { type: "text/plain", description: "Prometheus exposition format.", kind: "text" },
      },
      401: error("Without `Authorization: Bearer <METRICS_TOKEN>` (`unauthorized`)."),
      404: error("Metrics are off: `METRICS_TOKEN` is not set (`not_found`)."),
    },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openApiDocument",
    tag: "Operations",
    summary: "This API document (OpenAPI 3.1)",
    description: "Open in every access mode: it describes the API's shapes and holds nothing of the instance.",
    access: "open",
    responses: {
      200: {
        description: "The document.",
        media: { type: "application/json", description: "OpenAPI 3.1.", kind: "object" },
      },
    },
  },
];
