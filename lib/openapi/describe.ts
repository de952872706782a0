// Turns the document's JSON Schemas into the short words the API reference page shows: a type
// ("string or null", "array of RequestSummary"), its constraints, and the fields of an object.
import type { JsonSchema } from "./json-schema.ts";

/** A schema's fields when it is an object with properties, in their declared order. */
export interface Field {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

const REF_PREFIX = "#/components/schemas/";
/** zod bounds every integer to the safe range: saying so on each field is noise. */
const SAFE_BOUND = Number.MAX_SAFE_INTEGER;

export function refName(schema: JsonSchema): string | null {
  return typeof schema.$ref === "string" && schema.$ref.startsWith(REF_PREFIX)
    ? schema.$ref.slice(REF_PREFIX.length)
    : null;
}

export function fieldsOf(schema: JsonSchema): Field[] {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, field]) => ({ name, required: required.has(name), schema: field }));
}

/** The alternatives of an anyOf/oneOf, null left out (it is said by `nullable`). */
export function alternatives(schema: JsonSchema): { options: JsonSchema[]; nullable: boolean } {
  const list = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (!list) return { options: [schema], nullable: false };
  const options = list.filter((option) => option.type !== "null");
  return { options, nullable: options.length < list.length };
}

/** One line naming the type, e.g. `string`, `array of [string, string]`, `RequestSummary or null`. */
export function typeWords(schema: JsonSchema): string {
  const ref = refName(schema);
  if (ref) return ref;
  if (schema.anyOf || schema.oneOf) {
    const { options, nullable } = alternatives(schema);
    const words = options.map(typeWords).join(" or ");
    return nullable ? `${words} or null` : words;
  }
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.type === "array") {
    if (Array.isArray(schema.prefixItems)) {
      return `[${(schema.prefixItems as JsonSchema[]).map(typeWords).join(", ")}]`;
    }
    return `array of ${schema.items ? typeWords(schema.items as JsonSchema) : "anything"}`;
  }
  if (schema.type === "string" && typeof schema.format === "string") return `string (${schema.format})`;
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  return "any";
}

/** The constraints worth reading: limits, pattern, default. */
export function constraintWords(schema: JsonSchema): string[] {
  const words: string[] = [];
  const number = (keyword: string) => (typeof schema[keyword] === "number" ? (schema[keyword] as number) : null);
  const min = number("minimum");
  const max = number("maximum");
  if (min !== null && min !== -SAFE_BOUND) words.push(`≥ ${min}`);
  if (max !== null && max !== SAFE_BOUND) words.push(`≤ ${max}`);
  const minLength = number("minLength");
  const maxLength = number("maxLength");
  if (minLength !== null) words.push(`at least ${minLength} characters`);
  if (maxLength !== null) words.push(`at most ${maxLength} characters`);
  const maxItems = number("maxItems");
  if (maxItems !== null && !Array.isArray(schema.prefixItems)) words.push(`at most ${maxItems} items`);
  // A format's own pattern (dates) says nothing the format does not.
  if (typeof schema.pattern === "string" && typeof schema.format !== "string") words.push(`matches ${schema.pattern}`);
  if ("default" in schema) words.push(`default ${JSON.stringify(schema.default)}`);
  return words;
}

/** The object schema whose fields to list under this one, if any (itself, or the item of an array). */
export function nestedObject(schema: JsonSchema): JsonSchema | null {
  if (refName(schema)) return null;
  if (schema.properties) return schema;
  if (schema.type === "array" && schema.items && typeof schema.items === "object") {
    return nestedObject(schema.items as JsonSchema);
  }
  const { options } = alternatives(schema);
  return options.length === 1 && options[0] !== schema && options[0] ? nestedObject(options[0]) : null;
}
