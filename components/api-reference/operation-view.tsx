// One operation of the API document (or several methods of one path that share it, as capture's).
import { MethodBadge } from "@/components/method-badge";
import { constraintWords, refName } from "@/lib/openapi/describe";
import type { JsonSchema } from "@/lib/openapi/json-schema";
import { Paragraphs, RichText } from "./rich-text";
import { SchemaView, TypeName } from "./schema-view";

export interface OperationEntry {
  anchor: string;
  path: string;
  methods: string[];
  operation: JsonSchema;
}

/** `schemas`: the document's named schemas, so a request body's fields show in place. */
export function OperationView({ entry, schemas }: { entry: OperationEntry; schemas: Record<string, JsonSchema> }) {
  const { operation } = entry;
  const parameters = (operation.parameters ?? []) as JsonSchema[];
  const body = operation.requestBody as JsonSchema | undefined;
  const responses = Object.entries(operation.responses as Record<string, JsonSchema>);
  const heading = `${entry.methods.join(" ")} ${entry.path}`;
  return (
    <article
      id={entry.anchor}
      aria-label={heading}
      className="flex flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h3 className="flex flex-wrap items-center gap-2">
        {entry.methods.map((method) => (
          <MethodBadge key={method} method={method} />
        ))}
        <code className="font-mono text-sm font-semibold break-all">{entry.path}</code>
      </h3>
      <p className="font-medium">{String(operation.summary)}</p>
      {typeof operation.description === "string" && (
        <Paragraphs text={operation.description} className="text-sm text-zinc-700 dark:text-zinc-300" />
      )}
      {parameters.length > 0 && (
        <Section title="Parameters">
          <ul className="flex flex-col gap-1.5 text-sm">
            {parameters.map((parameter) => (
              <li key={`${parameter.in}:${parameter.name}`}>
                <code className="font-mono font-semibold">{String(parameter.name)}</code>{" "}
                <span className="text-zinc-600 dark:text-zinc-400">
                  in {String(parameter.in)}, <TypeName schema={parameter.schema as JsonSchema} />
                  {parameter.required ? "" : ", optional"}
                  {constraintWords(parameter.schema as JsonSchema).map((word) => `; ${word}`)}
                </span>
                {typeof parameter.description === "string" && (
                  <span className="block text-zinc-700 dark:text-zinc-300">
                    <RichText text={parameter.description} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {body && (
        <Section title={`Request body (application/json${body.required ? "" : ", optional"})`}>
          <SchemaView schema={inPlace(schemaOf(body), schemas)} />
        </Section>
      )}
      <Section title="Answers">
        <dl className="flex flex-col gap-2 text-sm">
          {responses.map(([status, response]) => (
            <div key={status} className="flex flex-col gap-1">
              <dt className="font-mono font-semibold">{status === "default" ? "other errors" : status}</dt>
              <dd className="flex flex-col gap-1 pl-4">
                <span className="text-zinc-700 dark:text-zinc-300">
                  <RichText text={String(response.description)} />
                </span>
                {Object.entries((response.content ?? {}) as Record<string, JsonSchema>).map(([type, media]) => (
                  <span key={type}>
                    <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{type}</code>{" "}
                    <TypeName schema={media.schema as JsonSchema} />
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </Section>
    </article>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="flex flex-col gap-1.5">
      <h4 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{title}</h4>
      {children}
    </section>
  );
}

function schemaOf(body: JsonSchema): JsonSchema {
  const content = body.content as Record<string, { schema: JsonSchema }>;
  return content["application/json"]?.schema ?? {};
}

function inPlace(schema: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  const name = refName(schema);
  return (name && schemas[name]) || schema;
}
