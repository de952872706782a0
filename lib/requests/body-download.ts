// Headers for serving a captured body: always a download of opaque bytes, never active content.

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

export function bodyDownloadHeaders(id: string, contentType: string | null, length: number): HeadersInit {
  return {
    "Content-Type": "application/octet-stream",
    "Content-Length": String(length),
    "Content-Disposition": `attachment; filename="${bodyFilename(id, contentType)}"`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "no-store",
  };
}
