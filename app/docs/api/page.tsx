import type { Metadata } from "next";
import Link from "next/link";
import { type OperationEntry, OperationView } from "@/components/api-reference/operation-view";
import { Paragraphs } from "@/components/api-reference/rich-text";
import { SchemaView } from "@/components/api-reference/schema-view";
import { ThemeToggle } from "@/components/theme-toggle";
import { openApiDocument } from "@/lib/openapi/document";
import type { JsonSchema } from "@/lib/openapi/json-schema";

export const metadata: Metadata = { title: "API reference · Hookscope" };

// The API reference, rendered on the server from the same document as /api/openapi.json: no
// script of its own and nothing fetched from elsewhere, so it works under the app's CSP and offline.
export default function ApiReferencePage() {
  const document = openApiDocument();
  const byTag = groupByTag(document.paths);
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-8 px-6 py-12">
      <nav className="flex items-center justify-between" aria-label="Site">
        <Link href="/" className="font-mono text-sm font-semibold text-sky-700 dark:text-sky-400">
          hookscope
        </Link>
        <ThemeToggle />
      </nav>
      <header className="flex flex-col gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">API reference</h1>
        <Paragraphs text={document.info.description} className="text-zinc-700 dark:text-zinc-300" />
        <p className="text-sm">
          The same as an OpenAPI 3.1 document:{" "}
          <a href="/api/openapi.json" className="font-mono text-sky-700 underline dark:text-sky-400">
            /api/openapi.json
          </a>
          .
        </p>
      </header>
      <nav aria-label="Operations" className="flex flex-col gap-2 text-sm">
        {[...byTag].map(([tag, entries]) => (
          <div key={tag}>
            <a href={`#tag-${slug(tag)}`} className="font-semibold underline">
              {tag}
            </a>
            <span className="text-zinc-600 dark:text-zinc-400">
              {" "}
              ·{" "}
              {entries
                .map((entry) => `${entry.methods.length > 1 ? "ANY" : entry.methods[0]} ${entry.path}`)
                .join(" · ")}
            </span>
          </div>
        ))}
      </nav>
      {[...byTag].map(([tag, entries]) => (
        <section
          key={tag}
          id={`tag-${slug(tag)}`}
          aria-labelledby={`tag-${slug(tag)}-heading`}
          className="flex flex-col gap-4"
        >
          <h2 id={`tag-${slug(tag)}-heading`} className="text-2xl font-semibold">
            {tag}
          </h2>
          {entries.map((entry) => (
            <OperationView key={entry.anchor} entry={entry} schemas={document.components.schemas} />
          ))}
        </section>
      ))}
      <section aria-labelledby="schemas-heading" className="flex flex-col gap-4">
        <h2 id="schemas-heading" className="text-2xl font-semibold">
          Schemas
        </h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <article
            key={name}
            id={`schema-${name}`}
            aria-label={name}
            className="flex flex-col gap-2 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h3 className="font-mono font-semibold">{name}</h3>
            <SchemaView schema={schema} />
          </article>
        ))}
      </section>
    </main>
  );
}

/** Operations by tag, in the document's order; one path's methods that share a summary are one entry. */
function groupByTag(paths: Record<string, Record<string, JsonSchema>>): Map<string, OperationEntry[]> {
  const byTag = new Map<string, OperationEntry[]>();
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const tag = (operation.tags as string[] | undefined)?.[0] ?? "Other";
      const entries = byTag.get(tag) ?? [];
      byTag.set(tag, entries);
      const same = entries.find((entry) => entry.path === path && entry.operation.summary === operation.summary);
      if (same) same.methods.push(method.toUpperCase());
      else entries.push({ anchor: String(operation.operationId), path, methods: [method.toUpperCase()], operation });
    }
  }
  return byTag;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
