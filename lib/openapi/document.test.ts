import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { createAnswerChecker, documentAjv } from "../../tests/support/openapi-answers.ts";
import { createBinSchema, updateBinSchema } from "../bins/schema.ts";
import { errorCatalogue } from "../errors.ts";
import { resendInputSchema } from "../resend/schema.ts";
import { type OpenApiDocument, openApiDocument } from "./document.ts";
import type { JsonSchema } from "./json-schema.ts";

const document = openApiDocument();
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function operationsOf(doc: OpenApiDocument): [string, string, JsonSchema][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => [path, method, operation] as [string, string, JsonSchema]),
  );
}

/** Every `$ref` in the document, with where it was found. */
function refs(value: unknown, at = "#"): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => refs(item, `${at}/${i}`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "$ref" && typeof inner === "string" ? [[at, inner] as [string, string]] : refs(inner, `${at}/${key}`),
  );
}

function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as JsonSchema)[part] : undefined), doc);
}

describe("the API document", () => {
  it("is OpenAPI 3.1 in JSON Schema 2020-12, and survives JSON as served", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(document.info.title).toBeTruthy();
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it("resolves every $ref inside the document", () => {
    const all = refs(document);
    expect(all.length).toBeGreaterThan(20);
    const broken = all.filter(([, ref]) => resolve(document, ref) === undefined);
    expect(broken).toEqual([]);
  });

  it("gives every operation a unique id, a summary, a success answer and declared path parameters", () => {
    const ids = new Set<string>();
    for (const [path, method, operation] of operationsOf(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(ids.has(String(operation.operationId)), `${where}: duplicate operationId`).toBe(false);
      ids.add(String(operation.operationId));
      expect(operation.summary, where).toBeTruthy();
      const statuses = Object.keys(operation.responses as object);
      expect(
        statuses.some((status) => /^2\d\d$/.test(status)),
        `${where}: no 2xx answer`,
      ).toBe(true);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
      const declared = ((operation.parameters ?? []) as JsonSchema[])
        .filter((parameter) => parameter.in === "path")
        .map((parameter) => parameter.name)
        .sort();
      expect(declared, `${where}: path parameters`).toEqual(templated);
    }
  });

  it("holds only schemas that are valid JSON Schema 2020-12 and compile", () => {
    const ajv = new Ajv2020({ strict: false });
    const schemas: [string, JsonSchema][] = [
      ...Object.entries(document.components.schemas),
      ...operationsOf(document).flatMap(([path, method, operation]) =>
        ((operation.parameters ?? []) as JsonSchema[]).map(
          (parameter) =>
            [`${method} ${path} ${parameter.name}`, parameter.schema as JsonSchema] as [string, JsonSchema],
        ),
      ),
    ];
    for (const [name, schema] of schemas) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
    }
    const documentSchemas = documentAjv(document);
    for (const name of Object.keys(document.components.schemas)) {
      expect(
        () => documentSchemas.compile({ $ref: `hookscope-openapi#/components/schemas/${name}` }),
        name,
      ).not.toThrow();
    }
  });

  it("lists every error code of the catalogue in the Error schema", () => {
    const error = document.components.schemas.Error as JsonSchema;
    const code = resolve(error, "#/properties/error/properties/code") as JsonSchema;
    expect([...(code.enum as string[])].sort()).toEqual(Object.keys(errorCatalogue).sort());
  });

  it("describes request bodies as the routes' own zod schemas judge them", () => {
    const ajv = documentAjv(document);
    const cases: [string, { safeParse(value: unknown): { success: boolean } }, unknown][] = [
      ["CreateBinInput", createBinSchema, {}],
      ["CreateBinInput", createBinSchema, { name: "stripe", response: { status: 202, headers: [["X-A", "1"]] } }],
      ["CreateBinInput", createBinSchema, { extra: 1 }],
      ["CreateBinInput", createBinSchema, { response: { status: 100 } }],
      ["CreateBinInput", createBinSchema, { response: { headers: [["bad name", "x"]] } }],
      ["UpdateBinInput", updateBinSchema, { forwardUrl: null }],
      ["ResendInput", resendInputSchema, { url: "http://example.com/", bodyBase64: "AAH/" }],
      ["ResendInput", resendInputSchema, { url: "http://example.com/", bodyBase64: "not base64" }],
      ["ResendInput", resendInputSchema, {}],
    ];
    for (const [name, schema, value] of cases) {
      const validate = ajv.compile({ $ref: `hookscope-openapi#/components/schemas/${name}` });
      expect(validate(value), `${name} ${JSON.stringify(value)}`).toBe(schema.safeParse(value).success);
    }
  });

  it("reads the access key, the session cookie and the metrics token as security schemes", () => {
    const schemes = document.components.securitySchemes;
    expect(schemes.accessKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "hookscope_session" });
    const used = new Set(
      operationsOf(document).flatMap(([, , operation]) =>
        ((operation.security ?? []) as Record<string, unknown>[]).flatMap((requirement) => Object.keys(requirement)),
      ),
    );
    for (const name of used) expect(schemes[name], name).toBeDefined();
  });
});

describe("the integration suite's answer check", () => {
  const checker = createAnswerChecker(document);
  const summary = {
    id: "01a21503-ca76-79a7-8497-918383b50c1a",
    seq: 1,
    method: "POST",
    path: "/",
    query: "",
    contentType: null,
    bodySize: 0,
    ip: "127.0.0.1",
    receivedAt: "2026-11-25T23:21:39.697Z",
    deliveryKey: null,
    attempt: 1,
    answer: null,
  };
  const page = { requests: [summary], nextCursor: null };

  it("accepts an answer as documented, and an error answer where none is documented", () => {
    expect(checker.check("GET", "/api/bins/k/requests", 200, page)).toBeNull();
    const error = { error: { code: "method_not_allowed", message: "use GET" } };
    expect(checker.check("PUT", "/api/bins/k/requests", 405, error)).toBeNull();
    expect(checker.check("GET", "/api/nothing/here", 404, { error: { code: "not_found", message: "no" } })).toBeNull();
  });

  it("picks the literal path over a parameter: /requests/wait is the wait, not a request id", () => {
    expect(
      checker.check("GET", "/api/bins/k/requests/wait", 408, { error: { code: "wait_timeout", message: "" } }),
    ).toBeNull();
    expect(checker.check("GET", "/api/bins/k/requests/wait", 200, page)).toMatch(/^waitForRequest 200: /);
  });

  it("names the operation, the status and the mismatch of an answer that differs", () => {
    expect(checker.check("GET", "/api/bins/k/requests", 200, { ...page, extra: 1 })).toMatch(
      /^listRequests 200: .*additional properties/,
    );
    expect(
      checker.check("GET", "/api/bins/k/requests", 200, { requests: [{ ...summary, seq: "1" }], nextCursor: null }),
    ).toMatch(/seq must be integer/);
    expect(checker.check("GET", "/api/bins/k", 404, { error: { code: "no_such_code", message: "" } })).toMatch(
      /^getBin 404: .*allowed values/,
    );
    expect(checker.check("POST", "/api/nothing", 200, {})).toMatch(/no such operation/);
  });
});
