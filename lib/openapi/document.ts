// The OpenAPI 3.1 document served at /api/openapi.json and shown at /docs/api, assembled from the
// operations table and the zod schemas the routes validate with.
import { SCHEME_IDS } from "../signatures/schemes.ts";
import { answerSchemas, inputSchemas } from "./components.ts";
import { componentSchemas, inlineSchema, type JsonSchema } from "./json-schema.ts";
import type { Access, Answer, Operation } from "./operations.ts";
import { operations } from "./operations.ts";

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
  [key: string]: unknown;
};

const DESCRIPTION = [
  "Hookscope captures every request sent to a bin's capture URL exactly as sent, and this API reads, resends",
  "and manages them. A bin has two secrets: its **token**, in the capture URL (`/h/{token}`), lets anyone send to",
  "it and nothing else; its **key**, in every `/api/bins/{key}/...` path, opens it. A token where a key is expected",
  "answers `404` like an unknown key. Share links (`/api/shares/{id}/...`) only read.",
  "",
  "Request bodies are JSON sent as `Content-Type: application/json`. Every error is",
  '`{"error":{"code","message"}}` with a code from the Error schema. Besides the answers listed, any call may get',
  "`401` (`ACCESS_MODE=private` without a signed-in caller), `403` (`forbidden_origin`: a browser call from",
  "another site), `421` (`unknown_host`), `405` (another method) or `503` (`storage_unavailable`).",
].join("\n");

/** How each kind of access reads as OpenAPI security requirements (alternatives; `{}`: none needed). */
const SECURITY: Record<Access, Record<string, string[]>[]> = {
  open: [],
  share: [],
  bin: [{}, { accessKey: [] }, { session: [] }],
  create: [{}, { accessKey: [] }, { session: [] }],
  signedIn: [{ accessKey: [] }, { session: [] }],
  metrics: [{ metricsToken: [] }],
};

const ACCESS_NOTE: Record<Access, string> = {
  open: "Open in every access mode.",
  share: "The share link's id opens it, in every access mode.",
  bin: "The bin's key in the path opens it; with `ACCESS_MODE=private` the caller must be signed in as well.",
  create: "Anyone in `open` mode; a signed-in caller in `restricted` and `private`.",
  signedIn: "A signed-in caller only (access key or session cookie).",
  metrics: "`Authorization: Bearer <METRICS_TOKEN>`.",
};

const PATH_PARAMETERS: Record<string, string> = {
  key: "The bin's key (from its `inspectUrl`): the capability that opens the bin. Never its token.",
  token: "The bin's token (from its `captureUrl`): it only sends to the bin.",
  subPath: "Any sub-path after the token, slashes included; stored as sent.",
  requestId: "A captured request's id.",
  scheme: `A signature scheme: ${SCHEME_IDS.map((id) => `\`${id}\``).join(", ")}.`,
};

let built: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  built ??= buildDocument();
  return built;
}

function buildDocument(): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    (paths[operation.path] as Record<string, JsonSchema>)[operation.method] = toOperationObject(operation);
  }
  return {
    openapi: "3.1.0",
    info: { title: "Hookscope API", version: "1", description: DESCRIPTION },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...componentSchemas(answerSchemas, "output"), ...componentSchemas(inputSchemas, "input") },
      securitySchemes: {
        accessKey: {
          type: "http",
          scheme: "bearer",
          description: "One of the instance's `ACCESS_KEYS`: a signed-in caller, who may open every bin.",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "hookscope_session",
          description:
            "The cookie signing in sets. A state-changing call authenticated by it must come from the app's own origin.",
        },
        metricsToken: { type: "http", scheme: "bearer", description: "`METRICS_TOKEN`, for `/metrics` only." },
      },
    },
  };
}

function toOperationObject(operation: Operation): JsonSchema {
  const description = [operation.description, ACCESS_NOTE[operation.access]].filter(Boolean).join("\n\n");
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description,
    parameters: [...pathParameters(operation), ...queryParameters(operation), ...(operation.extraParameters ?? [])],
    ...(operation.body && {
      requestBody: {
        // An empty body counts as {}: required when {} is not valid input.
        required: !inputSchemas[operation.body].safeParse({}).success,
        content: { "application/json": { schema: { $ref: `#/components/schemas/${operation.body}` } } },
      },
    }),
    responses: {
      ...Object.fromEntries(
        Object.entries(operation.responses).map(([status, answer]) => [status, toResponse(answer)]),
      ),
      default: toResponse({ description: "Any other error.", json: "Error" }),
    },
    security: SECURITY[operation.access],
  };
}

function pathParameters(operation: Operation): JsonSchema[] {
  return [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name = ""]) => ({
    name,
    in: "path",
    required: true,
    description: PATH_PARAMETERS[name] ?? idDescription(operation.path, name),
    schema: { type: "string" },
  }));
}

/** `{id}` names a share link right after `shares/`, else a captured request. */
function idDescription(path: string, name: string): string {
  return path.includes(`/shares/{${name}}`) ? "The share link's id (from its `url`)." : "A captured request's id.";
}

function queryParameters(operation: Operation): JsonSchema[] {
  if (!operation.query) return [];
  const schema = inlineSchema(operation.query);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(description !== undefined && { description }),
    schema: property,
  }));
}

function toResponse(answer: Answer): JsonSchema {
  const content: Record<string, JsonSchema> = {};
  if (answer.json) content["application/json"] = { schema: { $ref: `#/components/schemas/${answer.json}` } };
  if (answer.media) {
    content[answer.media.type] = {
      schema: {
        type: answer.media.kind === "object" ? "object" : "string",
        ...(answer.media.kind === "binary" && { contentMediaType: answer.media.type }),
        description: answer.media.description,
      },
    };
  }
  return {
    description: answer.description,
    ...(answer.headers && {
      headers: Object.fromEntries(
        Object.entries(answer.headers).map(([name, text]) => [name, { description: text, schema: { type: "string" } }]),
      ),
    }),
    ...(Object.keys(content).length > 0 && { content }),
  };
}
