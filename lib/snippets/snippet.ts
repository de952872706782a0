// "Copy as…": code that sends a captured request again, from @readme/httpsnippet fed the request
// as HAR, with what httpsnippet would change put back so the body's bytes never change:
// - httpsnippet re-serialises JSON (fetch's JSON.stringify, Python's json=), rebuilds forms and
//   multipart bodies (with a boundary of its own) from params, re-encodes the query and escapes
//   text unevenly; so it is given placeholders for the URL and the body, and the exact URL and
//   text go back in, quoted by Hookscope;
// - a body that is not text has no literal form: the code reads it from body.bin, which the user
//   downloads from the body endpoint first, as the snippet's first comment says.
// curl keeps Hookscope's own generator (lib/curl.ts), which keeps duplicate headers as well.
import { type HarRequest, HTTPSnippet } from "@readme/httpsnippet";
import type { TargetId } from "@readme/httpsnippet/targets";
import { originForm } from "../capture/target.ts";
import { shellQuote, toCurl } from "../curl.ts";
import type { RequestRecord } from "../requests/types.ts";
import type { SnippetTarget } from "./targets.ts";

export interface SnippetOptions {
  /** Where the request goes, e.g. the capture origin "https://hooks.example.com" (a placeholder on a share link). */
  origin: string;
  /** URL of the stored body, which a binary body is downloaded from. */
  bodyUrl: string;
}

const URL_MARK = "https://hookscope.invalid/__hookscope_url__";
const BODY_MARK = "__hookscope_body__";

/**
 * Never in a snippet: what the client computes (Host, Content-Length), connection-level headers,
 * and Expect, which Node's fetch refuses.
 */
const SKIPPED = new Set([
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "expect",
]);

const HTTPSNIPPET: Record<Exclude<SnippetTarget, "curl">, [TargetId, string]> = {
  httpie: ["shell", "httpie"],
  fetch: ["javascript", "fetch"],
  node: ["node", "fetch"],
  python: ["python", "requests"],
  go: ["go", "native"],
};

export function toSnippet(target: SnippetTarget, record: RequestRecord, options: SnippetOptions): string {
  if (target === "curl") return toCurl(record, options);
  const url = `${options.origin}${originForm(record.url)}`;
  const binary = record.bodySize > 0 && record.bodyText === null;
  const [language, client] = HTTPSNIPPET[target];
  const generated = new HTTPSnippet(harRequest(record)).convert(language, client);
  const code = generated[0] || "";
  const withUrl = putUrl(target, code, url);
  if (record.bodySize === 0) return withUrl;
  return binary ? readBodyFromFile(target, withUrl, options.bodyUrl) : putText(target, withUrl, record.bodyText ?? "");
}

function harRequest(record: RequestRecord): HarRequest {
  return {
    method: record.method,
    url: URL_MARK,
    httpVersion: `HTTP/${record.httpVersion}`,
    cookies: [],
    headers: foldedHeaders(record.headers).map(([name, value]) => ({ name, value })),
    queryString: [],
    // An opaque type, so that no target parses the text and writes it back its own way (the
    // captured Content-Type is among the headers).
    postData: record.bodySize > 0 ? { mimeType: "application/octet-stream", text: BODY_MARK } : { mimeType: "" },
    headersSize: -1,
    bodySize: record.bodySize,
  };
}

/**
 * The headers to send, duplicates joined into one line with ", " (the targets' header maps hold one
 * value per name; HTTP gives a comma-joined line the same meaning, Set-Cookie aside).
 */
function foldedHeaders(headers: [string, string][]): [string, string][] {
  const out: [string, string][] = [];
  const at = new Map<string, number>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (SKIPPED.has(lower) || lower.startsWith("proxy-")) continue;
    const index = at.get(lower);
    const existing = index === undefined ? undefined : out[index];
    if (existing) existing[1] = `${existing[1]}, ${value}`;
    else {
      at.set(lower, out.length);
      out.push([name, value]);
    }
  }
  return out;
}

/** The URL exactly as captured (httpsnippet would re-encode its query), quoted as the target quotes it. */
function putUrl(target: Exclude<SnippetTarget, "curl">, code: string, url: string): string {
  switch (target) {
    case "httpie":
      return code.replace(new RegExp(`'?${escapeRegExp(URL_MARK)}'?`), () => shellQuote(url));
    case "fetch":
    case "node":
      return code.replace(URL_MARK, () => url.replace(/\\/g, "\\\\").replace(/'/g, "\\'"));
    case "python":
    case "go":
      return code.replace(URL_MARK, () => url.replace(/\\/g, "\\\\").replace(/"/g, '\\"'));
  }
}

/**
 * The body text as a literal of the target's language (httpsnippet leaves backslashes unescaped in
 * JavaScript), sent as its UTF-8 bytes. JSON's string syntax is valid in JavaScript, Python and Go.
 */
function putText(target: Exclude<SnippetTarget, "curl">, code: string, text: string): string {
  const marked = new RegExp(`['"]?${BODY_MARK}['"]?`);
  switch (target) {
    // echo adds a newline; printf '%s' writes the text as it is.
    case "httpie":
      return code.replace(new RegExp(`^echo ['"]?${BODY_MARK}['"]?`), () => `printf '%s' ${shellQuote(text)}`);
    // requests sends a str as Latin-1, which cannot hold most text: send its UTF-8 bytes.
    case "python":
      return code.replace(marked, () => JSON.stringify(text)).replace("data=payload", 'data=payload.encode("utf-8")');
    default:
      return code.replace(marked, () => JSON.stringify(text));
  }
}

function readBodyFromFile(target: Exclude<SnippetTarget, "curl">, code: string, bodyUrl: string): string {
  const note = (comment: string) =>
    `${comment} The body is binary: download it first, e.g. curl -o body.bin ${shellQuote(bodyUrl)}\n`;
  switch (target) {
    case "httpie":
      return `${note("#")}${code.replace(/^echo '?__hookscope_body__'? \| +/, "cat body.bin | ")}`;
    case "fetch":
      // A browser reads no local file: the body comes from Hookscope's download endpoint.
      return `// The body is binary: it is fetched from Hookscope's body download first.\n${code.replace(
        `'${BODY_MARK}'`,
        () => `await fetch('${bodyUrl.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}').then((res) => res.arrayBuffer())`,
      )}`;
    case "node":
      return `${note("//")}const { readFileSync } = require('node:fs');\n\n${code.replace(
        `'${BODY_MARK}'`,
        "readFileSync('body.bin')",
      )}`;
    case "python":
      return `${note("#")}${code.replace(`"${BODY_MARK}"`, 'open("body.bin", "rb").read()')}`;
    case "go":
      return `${note("//")}${code
        .replace(`payload := strings.NewReader("${BODY_MARK}")`, 'payload, _ := os.Open("body.bin")')
        .replace('\t"strings"\n', '\t"os"\n')}`;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
