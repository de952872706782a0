// Chooses how the inspector shows a captured body, from what the record says about it. Pure, so
// the server's decode step and the browser share the Content-Encoding reading.
import type { HeaderPair } from "../capture/headers.ts";
import { jsonTreeRefusal } from "./json-tree-limits.ts";

export type BodyView = "json" | "form" | "multipart" | "image" | "text" | "binary" | "empty";

export interface BodyFacts {
  contentType: string | null;
  /** The Content-Encoding header value (all its lines joined), or null. */
  contentEncoding: string | null;
  /** The body as text when it is valid UTF-8 of at most 1 MiB, else null. */
  bodyText: string | null;
  bodySize: number;
}

export interface Detection {
  view: BodyView;
  /** True when the body carries a Content-Encoding: the view applies to the decoded bytes. */
  needsDecode: boolean;
  /** The content codings in the order they were applied, lowercase, without "identity". */
  codings: string[];
  /** The content type without parameters, lowercase, or null. */
  mediaType: string | null;
  /** Why the view differs from what the content type promises, for the user. */
  note: string | null;
}

/** Response headers of the body endpoint with decode=1: the codings undone, and those left alone. */
export const DECODED_HEADER = "X-Hookscope-Decoded";
export const UNDECODED_HEADER = "X-Hookscope-Undecoded";

/** Bodies up to this size are stored (and offered) as text when they are valid UTF-8. */
export const MAX_TEXT_BYTES = 1024 * 1024;

const FORM = "application/x-www-form-urlencoded";

// Raster formats a browser draws without running anything. SVG is deliberately absent: it is shown as text.
const RASTER_IMAGES = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
  "image/x-icon",
  "image/vnd.microsoft.icon",
]);

export function detectBody(facts: BodyFacts): Detection {
  const codings = contentCodings(facts.contentEncoding);
  const mediaType = mediaTypeOf(facts.contentType);
  const needsDecode = codings.length > 0;
  const result = (view: BodyView, note: string | null = null): Detection => ({
    view,
    needsDecode,
    codings,
    mediaType,
    note,
  });

  if (facts.bodySize === 0) return { ...result("empty"), needsDecode: false };
  if (mediaType === "multipart/form-data" && boundaryOf(facts.contentType)) return result("multipart");
  if (mediaType && RASTER_IMAGES.has(mediaType)) return result("image");
  // Encoded bytes say nothing yet: go by the declared type; the decoded body is detected again.
  if (needsDecode) return result(viewFromType(mediaType) ?? "binary");

  const text = facts.bodyText;
  if (text === null) {
    return mediaType && isTextual(mediaType)
      ? result("text", `Declared as ${mediaType}, but not valid UTF-8 or larger than 1 MiB.`)
      : result("binary");
  }
  // The limits are checked before any parse: past them, nothing that recurses may touch the text.
  if (isJsonType(mediaType)) {
    const refusal = jsonTreeRefusal(text, facts.bodySize);
    if (refusal) return result("text", `Declared as ${mediaType}, but ${refusal}: shown as text.`);
    return parseJson(text).ok ? result("json") : result("text", `Declared as ${mediaType}, but not valid JSON.`);
  }
  if (bracketed(text)) {
    const refusal = jsonTreeRefusal(text, facts.bodySize);
    if (refusal) return result("text", `Looks like JSON, but ${refusal}: shown as text.`);
    if (parseJson(text).ok) return result("json");
  }
  if (mediaType === FORM) return result("form");
  if (mediaType === "multipart/form-data") return result("text", "Declared as multipart/form-data without a boundary.");
  return result("text");
}

/** The codings of a Content-Encoding value, in the order they were applied ("gzip, br": gzip first). */
export function contentCodings(value: string | null): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
}

/** All Content-Encoding header lines of a request, joined as HTTP combines repeated fields; null when none. */
export function contentEncodingOf(headers: readonly HeaderPair[]): string | null {
  const values = headers.filter(([name]) => name.toLowerCase() === "content-encoding").map(([, value]) => value);
  return values.length > 0 ? values.join(", ") : null;
}

export function mediaTypeOf(contentType: string | null): string | null {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase();
  return essence ? essence : null;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** JSON.parse that tolerates a leading byte-order mark and reports failure instead of throwing. */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The bytes as text when they are valid UTF-8 of at most MAX_TEXT_BYTES, else null. */
export function utf8Text(bytes: ArrayBuffer | Uint8Array): string | null {
  if (bytes.byteLength > MAX_TEXT_BYTES) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Whether the text starts and ends like a JSON object or array (every such JSON text does). */
function bracketed(text: string): boolean {
  const trimmed = text.trim();
  const ends = `${trimmed[0]}${trimmed.at(-1)}`;
  return ends === "{}" || ends === "[]";
}

function boundaryOf(contentType: string | null): boolean {
  return /;\s*boundary\s*=\s*("[^"]+"|[^\s;]+)/i.test(contentType ?? "");
}

function isJsonType(mediaType: string | null): boolean {
  const subtype = mediaType?.split("/")[1] ?? "";
  return subtype === "json" || subtype.endsWith("+json");
}

function isTextual(mediaType: string): boolean {
  return (
    mediaType.startsWith("text/") ||
    mediaType === FORM ||
    /[/+](json|xml|yaml)$|json$|javascript|ecmascript|html/.test(mediaType)
  );
}

function viewFromType(mediaType: string | null): BodyView | null {
  if (isJsonType(mediaType)) return "json";
  if (mediaType === FORM) return "form";
  if (mediaType && isTextual(mediaType)) return "text";
  return null;
}

/**
 * Integer literals in a JSON text that JavaScript numbers cannot hold exactly (Shopify and
 * Twitter ids, for instance). The tree shows such numbers rounded, so the UI says so. Uses the
 * reviver's source text where the platform offers it (browsers do; older Node does not).
 */
export function lossyIntegers(text: string, limit = 3): string[] {
  // A number that rounds has at least 16 digits (2^53 has 16): most bodies have none, and skip the slow reviver.
  if (!/\d{16}/.test(text)) return [];
  const found: string[] = [];
  try {
    JSON.parse(text.replace(/^\uFEFF/, ""), function (
      this: unknown,
      _key: string,
      value: unknown,
      context?: { source?: string },
    ) {
      const source = context?.source;
      if (
        typeof value === "number" &&
        source &&
        found.length < limit &&
        /^-?\d+$/.test(source) &&
        !Number.isSafeInteger(value)
      ) {
        found.push(source);
      }
      return value;
    } as (key: string, value: unknown) => unknown);
  } catch {
    return [];
  }
  return found;
}
