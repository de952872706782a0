// One stored request as a HAR 1.2 entry (http://www.softwareishard.com/blog/har-12-spec/), bodies
// byte-exact: text when they are valid UTF-8, else base64.
import { isUtf8 } from "node:buffer";
import type { Entry, PostData, QueryString, Response } from "har-format";
import { originForm } from "../capture/target.ts";
import type { RequestRecord } from "../requests/types.ts";

/**
 * Marks a request body given as base64. HAR 1.2 has `encoding: "base64"` on a response's content
 * but nothing on postData, and Chrome DevTools writes a binary request body as lossy text. Fields
 * starting with "_" are the spec's extension point, so the response's field is mirrored there:
 * viewers ignore it, and Hookscope's importer reads the bytes back exactly.
 */
export const POST_DATA_ENCODING = "_encoding";

/** The entry's own extension fields, read back by the importer. */
export interface HookscopeEntry extends Entry {
  /** The sender's address as Hookscope saw it. */
  _clientIPAddress?: string;
}

/**
 * `base` is where the sender called: the capture URL's origin (the record's url then carries
 * /h/{token}), or on a share link a placeholder origin with the url already cut to its sub-path.
 */
export function toHarEntry(record: RequestRecord, body: Buffer, base: string): HookscopeEntry {
  return {
    startedDateTime: record.receivedAt,
    time: 0,
    request: {
      method: record.method,
      url: `${base}${originForm(record.url)}`,
      httpVersion: `HTTP/${record.httpVersion}`,
      cookies: [],
      headers: record.headers.map(([name, value]) => ({ name, value })),
      queryString: queryStringOf(record.query),
      ...(body.length > 0 ? { postData: postDataOf(record, body) } : {}),
      headersSize: -1,
      bodySize: body.length,
    },
    response: responseOf(record),
    cache: {},
    // A capture has no client-side timing: every phase HAR allows to be unknown is -1, the rest 0.
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 },
    _clientIPAddress: record.ip,
  };
}

/**
 * A capture records the status it was answered with, not the answer's headers or body. Status 0
 * with no headers and an empty body is how Chrome DevTools writes a request that got no answer, and
 * HAR viewers show it as such: so are written captures answered by a dropped or held connection,
 * and those stored before answers were recorded.
 */
function responseOf(record: RequestRecord): Response {
  const status = record.answer?.status ?? null;
  return {
    status: status ?? 0,
    statusText: "",
    httpVersion: status === null ? "" : `HTTP/${record.httpVersion}`,
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: "x-unknown" },
    redirectURL: "",
    headersSize: -1,
    bodySize: -1,
    comment:
      status === null
        ? record.answer
          ? "The capture was not answered (the connection was held or dropped)."
          : "The answer to this capture was not recorded."
        : "Only the status of the answer is recorded, not its headers or body.",
  };
}

function queryStringOf(query: string): QueryString[] {
  if (query === "") return [];
  return query.split("&").map((part) => {
    const at = part.indexOf("=");
    const [name, value] = at === -1 ? [part, ""] : [part.slice(0, at), part.slice(at + 1)];
    return { name: decoded(name), value: decoded(value) };
  });
}

/** A query component decoded for display; one that is not valid percent-encoding is kept as it is. */
function decoded(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, " "));
  } catch {
    return component;
  }
}

function postDataOf(record: RequestRecord, body: Buffer): PostData {
  const mimeType = record.contentType ?? "application/octet-stream";
  // Always the text, never params: HAR 1.2 makes them exclusive, and only the text is byte-exact.
  if (isUtf8(body)) return { mimeType, text: body.toString("utf8") };
  return { mimeType, text: body.toString("base64"), [POST_DATA_ENCODING]: "base64" } as PostData;
}
