const NAMES: [string, string][] = [
  ["{{query.hub.challenge}}", "a query parameter (dots belong to the name)"],
  ["{{header.X-Name}}", "a request header, any case"],
  ["{{json./data/id}}", "a value of the JSON body, by JSON pointer"],
  ["{{form.field}}", "a field of a form-encoded body"],
  ["{{request.id}}", "this capture's id"],
  ["{{request.method}}, {{request.path}}, {{request.query}}", "the method, the sub-path, the raw query string"],
  ["{{request.body}}", "the body as text"],
  ["{{signature}}", "the rule's HMAC, when it signs"],
];

/** The names a template can use: only values of the request, never code. */
export function TemplateHelp() {
  return (
    <details className="rounded-md border border-zinc-200 p-2 text-xs text-zinc-700 dark:border-zinc-800 dark:text-zinc-300">
      <summary className="cursor-pointer font-medium">Templates</summary>
      <p className="mt-2">
        Answer bodies, header values and signed text are templates: each {"{{name}}"} is filled from the request, as it
        is (no escaping); a missing value is empty. Nothing else can be named.
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {NAMES.map(([name, meaning]) => (
          <div key={name} className="contents">
            <dt>
              <code className="font-mono">{name}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
