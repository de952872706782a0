// zod schemas to JSON Schema 2020-12 (OpenAPI 3.1's dialect) with zod's own converter, so the
// document shows exactly what the routes validate with and the serializers are checked against.
import { z } from "zod";

export type JsonSchema = { [keyword: string]: unknown };

const COMPONENT_URI = (id: string) => `#/components/schemas/${id}`;

/**
 * Named schemas as OpenAPI components. Schemas of the same table that use one another become
 * `$ref`s; everything else is inlined. `io` picks what a schema accepts (input: defaults make
 * fields optional) or what it gives (output: answers).
 */
export function componentSchemas(named: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: COMPONENT_URI,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, bare(schema as JsonSchema)]));
}

/** One schema inlined (query parameters), as the route receives it. */
export function inlineSchema(schema: z.ZodType): JsonSchema {
  return bare(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema);
}

/** Without the standalone-document keywords, which have no place inside an OpenAPI document. */
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}
