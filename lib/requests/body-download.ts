// Headers for serving a captured body: always a download of opaque bytes, never active content.
import { DECODED_HEADER, UNDECODED_HEADER } from "../body/detect.ts";
import type { DecodePlan } from "./body-decode.ts";

const EXTENSIONS: [RegExp, string][] = [
  [/json/i, "json"],
  [/x-www-form-urlencoded/i, "txt"],
  [/xml/i, "xml"],
  [/html/i, "html.txt"],
  [/^text\//i, "txt"],
  [/^image\/png/i, "png"],
  [/^image\/jpe?g/i, "jpg"],
  [/^image\/gif/i, "gif"],
  [/pdf/i, "pdf"],
  [/zip/i, "zip"],
];

export function bodyFilename(id: string, contentType: string | null): string {
  const ext = EXTENSIONS.find(([pattern]) => contentType && pattern.test(contentType))?.[1] ?? "bin";
  return `${id}.${ext}`;
}

/**
 * Headers of a body download: opaque bytes as an attachment, sandboxed should a browser open it
 * anyway. With ?decode=1, the name gets ".decoded" when codings were undone, and two headers say
 * which codings were undone and which were left as stored.
 */
export function bodyDownloadHeaders(
  id: string,
  contentType: string | null,
  length: number,
  plan: DecodePlan = { decoded: [], undecoded: [] },
): Record<string, string> {
  const stem = plan.decoded.length > 0 ? `${id}.decoded` : id;
  const headers: Record<string, string> = {
    "Content-Type": "application/octet-stream",
    "Content-Length": String(length),
    "Content-Disposition": `attachment; filename="${bodyFilename(stem, contentType)}"`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "no-store",
  };
  if (plan.decoded.length > 0) headers[DECODED_HEADER] = plan.decoded.join(", ");
  if (plan.undecoded.length > 0) headers[UNDECODED_HEADER] = plan.undecoded.join(", ");
  return headers;
}
