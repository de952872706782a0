// A JSON Schema of the API document as a readable field list: names, types, limits, descriptions.
// Named schemas link to their entry in the page's Schemas section instead of being repeated.
import { alternatives, constraintWords, fieldsOf, nestedObject, refName, typeWords } from "@/lib/openapi/describe";
import type { JsonSchema } from "@/lib/openapi/json-schema";
import { RichText } from "./rich-text";

export function TypeName({ schema }: { schema: JsonSchema }) {
  const ref = refName(schema);
  if (ref) {
    return (
      <a href={`#schema-${ref}`} className="font-mono text-sky-700 underline dark:text-sky-400">
        {ref}
      </a>
    );
  }
  const items = schema.type === "array" ? (schema.items as JsonSchema | undefined) : undefined;
  if (items && refName(items)) {
    return (
      <span className="font-mono">
        array of <TypeName schema={items} />
      </span>
    );
  }
  const { options, nullable } = alternatives(schema);
  if (options.length > 1 || (nullable && options.length === 1 && refName(options[0] ?? {}))) {
    return (
      <span className="font-mono">
        {options.map((option, i) => (
          <span key={JSON.stringify(option)}>
            {i > 0 && " or "}
            <TypeName schema={option} />
          </span>
        ))}
        {nullable && " or null"}
      </span>
    );
  }
  return <span className="font-mono">{typeWords(schema)}</span>;
}

/** The schema's type line, then its fields (or each alternative's) when it has any. */
export function SchemaView({ schema }: { schema: JsonSchema }) {
  const { options } = alternatives(schema);
  if (!refName(schema) && options.length > 1 && options.some((option) => fieldsOf(option).length > 0)) {
    return (
      <div className="flex flex-col gap-2">
        <p className="text-sm">One of:</p>
        {options.map((option) => (
          <div key={JSON.stringify(option)} className="border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
            <SchemaView schema={option} />
          </div>
        ))}
      </div>
    );
  }
  const object = nestedObject(schema);
  return (
    <div className="flex flex-col gap-1 text-sm">
      {!object?.properties || object !== schema ? (
        <p>
          <TypeName schema={schema} />
        </p>
      ) : null}
      {object && <FieldList schema={object} />}
    </div>
  );
}

function FieldList({ schema }: { schema: JsonSchema }) {
  const fields = fieldsOf(schema);
  if (fields.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1.5">
      {fields.map(({ name, required, schema: field }) => {
        const nested = nestedObject(field);
        const limits = constraintWords(field);
        return (
          <li key={name} className="flex flex-col gap-0.5">
            <span>
              <code className="font-mono font-semibold">{name}</code>{" "}
              <span className="text-zinc-600 dark:text-zinc-400">
                <TypeName schema={field} />
                {required ? "" : ", optional"}
                {limits.length > 0 && `; ${limits.join(", ")}`}
              </span>
            </span>
            {typeof field.description === "string" && (
              <span className="text-zinc-700 dark:text-zinc-300">
                <RichText text={field.description} />
              </span>
            )}
            {nested && (
              <div className="ml-4 border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
                <FieldList schema={nested} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
