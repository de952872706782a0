// Reads a HAR file's entries as requests to store in a bin. Every field used is checked; the first
// that is wrong is named (entries[3].request.url) in a 400, and nothing is stored.
import { z } from "zod";
import type { HeaderPair } from "../capture/headers.ts";
import { ApiError } from "../errors.ts";
import { POST_DATA_ENCODING } from "./entry.ts";

/** One entry, as it will be stored (the bin's capture prefix is added by the caller). */
export interface ParsedEntry {
  method: string;
  /** The part of the URL's path after /h/{anything} when it has one, else the whole path ("/" when empty). */
  path: string;
  /** The raw query string without "?". */
  query: string;
  httpVersion: string;
  headers: HeaderPair[];
  body: Buffer;
  ip: string;
  receivedAt: Date;
}

const TOKEN_CHARS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const nameValue = z.object({ name: z.string(), value: z.string() });

const entrySchema = z.object({
  startedDateTime: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date and time"),
  request: z.object({
    method: z.string().regex(TOKEN_CHARS, "must be an HTTP method name"),
    url: z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/i, "must be an absolute URL without spaces"),
    httpVersion: z.string().optional(),
    headers: z.array(
      nameValue.refine((h) => h.name.startsWith(":") || TOKEN_CHARS.test(h.name), "name must be a header name"),
    ),
    postData: z
      .object({
        mimeType: z.string().optional(),
        text: z.string().optional(),
        params: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
        encoding: z.string().optional(),
        [POST_DATA_ENCODING]: z.string().optional(),
      })
      .optional(),
  }),
  _clientIPAddress: z.string().max(64).optional(),
});

const harSchema = z.object({ log: z.object({ entries: z.array(z.unknown()) }) });

/** What an import accepts, for the API document: parseHar checks the same two pieces, an entry at a time to name the bad one. */
export const harImportSchema = z.object({ log: z.object({ entries: z.array(entrySchema) }) });

export function parseHar(value: unknown): ParsedEntry[] {
  const har = harSchema.safeParse(value);
  if (!har.success) throw invalid("log.entries", "a HAR file has log.entries, an array");
  return har.data.log.entries.map((raw, i) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = [`entries[${i}]`, ...(issue?.path ?? []).map(String)].join(".");
      throw invalid(field, issue?.message ?? "is not valid");
    }
    return toParsed(parsed.data, i);
  });
}

function invalid(field: string, message: string): ApiError {
  return new ApiError("invalid_har", `Invalid HAR: ${field}: ${message}.`);
}

function toParsed(entry: z.infer<typeof entrySchema>, i: number): ParsedEntry {
  const { request } = entry;
  const { path, query } = targetOf(request.url);
  return {
    method: request.method,
    path,
    query,
    httpVersion: versionOf(request.httpVersion),
    // HTTP/2 pseudo-headers (:authority, :path) are framing, which a capture never holds as headers.
    headers: request.headers.filter((h) => !h.name.startsWith(":")).map((h) => [h.name, h.value]),
    body: bodyOf(request.postData, i),
    ip: entry._clientIPAddress ?? "",
    receivedAt: new Date(entry.startedDateTime),
  };
}

/** Path and query exactly as written in the URL (no URL parser: it would re-encode them). */
function targetOf(url: string): { path: string; query: string } {
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").replace(/#.*$/s, "");
  const at = rest.indexOf("?");
  const rawPath = at === -1 ? rest : rest.slice(0, at);
  const query = at === -1 ? "" : rest.slice(at + 1);
  const sub = /^\/h\/[^/]*/.test(rawPath) ? rawPath.replace(/^\/h\/[^/]*/, "") : rawPath;
  return { path: sub === "" ? "/" : sub.startsWith("/") ? sub : `/${sub}`, query };
}

/** "HTTP/1.1" gives "1.1"; anything that names no version (h3, an empty field) counts as 1.1. */
function versionOf(version: string | undefined): string {
  const match = /^(?:http\/)?(\d(?:\.\d)?)$/i.exec(version?.trim() ?? "");
  return match?.[1] ?? "1.1";
}

type PostData = z.infer<typeof entrySchema>["request"]["postData"];

function bodyOf(postData: PostData, i: number): Buffer {
  if (!postData) return Buffer.alloc(0);
  const encoding = postData[POST_DATA_ENCODING] ?? postData.encoding;
  if (postData.text !== undefined) {
    if (encoding === undefined) return Buffer.from(postData.text, "utf8");
    if (encoding !== "base64")
      throw invalid(`entries[${i}].request.postData.${POST_DATA_ENCODING}`, 'must be "base64"');
    if (!BASE64.test(postData.text)) throw invalid(`entries[${i}].request.postData.text`, "must be base64");
    return Buffer.from(postData.text, "base64");
  }
  // A form given only as params: the body they stand for.
  const params = postData.params ?? [];
  return Buffer.from(
    params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value ?? "")}`).join("&"),
    "utf8",
  );
}
