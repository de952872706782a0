// Checks an API answer against the API document (lib/openapi): finds the operation for a method
// and path, the answer documented for the status (or the operation's default, an Error), and
// validates the JSON body with ajv against its JSON Schema 2020-12.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { OpenApiDocument } from "../../lib/openapi/document.ts";

type Json = { [keyword: string]: unknown };

const DOCUMENT_ID = "hookscope-openapi";

/** An ajv that knows the document's components, so `#/components/schemas/...` refs resolve. */
export function documentAjv(document: OpenApiDocument): Ajv2020 {
  // strict off: the document holds OpenAPI keywords (paths, components) around its schemas.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date-time", (text: string) => !Number.isNaN(Date.parse(text)));
  ajv.addFormat("uri", (text: string) => URL.canParse(text));
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  return ajv;
}

interface Route {
  path: string;
  pattern: RegExp;
  literalSegments: number;
  item: Record<string, Json>;
}

export interface AnswerChecker {
  /** What is wrong with this answer, or null when it matches the document. */
  check(method: string, pathname: string, status: number, body: unknown): string | null;
}

export function createAnswerChecker(document: OpenApiDocument): AnswerChecker {
  const ajv = documentAjv(document);
  const validators = new Map<string, ValidateFunction>();
  // More literal segments first: /requests/wait before /requests/{id}.
  const routes: Route[] = Object.entries(document.paths)
    .map(([path, item]) => ({
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
      literalSegments: path.split("/").filter((segment) => segment && !segment.startsWith("{")).length,
      item,
    }))
    .sort((a, b) => b.literalSegments - a.literalSegments);
  const errorSchema = { $ref: "#/components/schemas/Error" };

  function validatorFor(key: string, schema: Json): ValidateFunction {
    let validate = validators.get(key);
    if (!validate) {
      const ref = typeof schema.$ref === "string" ? schema.$ref : null;
      validate = ajv.compile(ref?.startsWith("#/") ? { $ref: `${DOCUMENT_ID}${ref}` } : schema);
      validators.set(key, validate);
    }
    return validate;
  }

  function validate(key: string, schema: Json, body: unknown): string | null {
    const run = validatorFor(key, schema);
    if (run(body)) return null;
    // ajv's text leaves out which property was one too many; that is the most useful part.
    return (run.errors ?? [])
      .map((e) => {
        const extra = e.keyword === "additionalProperties" ? ` (${String(e.params.additionalProperty)})` : "";
        return `answer${e.instancePath} ${e.message ?? e.keyword}${extra}`;
      })
      .join("; ");
  }

  return {
    check(method, pathname, status, body) {
      const route = routes.find((candidate) => candidate.pattern.test(pathname));
      const operation = route?.item[method.toLowerCase()];
      if (!route || !operation) {
        // An unknown path or a method the route does not serve: the catch-all's or a 405's error.
        if (status >= 400) return validate("Error", errorSchema, body);
        return `${method} ${pathname}: a ${status} answer, but the document has no such operation`;
      }
      const responses = operation.responses as Record<string, Json>;
      const response = responses[String(status)] ?? responses.default;
      const schema = (response?.content as Record<string, { schema?: Json }> | undefined)?.["application/json"]?.schema;
      const name = `${operation.operationId} ${status}`;
      if (!schema) return `${name}: a JSON answer, but the document gives this status no JSON body`;
      const problem = validate(`${route.path} ${method} ${status}`, schema, body);
      return problem && `${name}: ${problem}`;
    },
  };
}
