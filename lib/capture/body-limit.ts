// Body size limits, checked first against Content-Length and then by counting streamed bytes.

export type ContentLengthVerdict = "ok" | "too_large" | "invalid";

/** Judges a Content-Length header before any body byte is read. */
export function checkContentLength(value: string | undefined, maxBytes: number): ContentLengthVerdict {
  if (value === undefined) return "ok";
  if (!/^\d+$/.test(value.trim())) return "invalid";
  return Number(value) > maxBytes ? "too_large" : "ok";
}

/** Counts bytes as chunks arrive; `add` returns false once the total passes the limit. */
export class ByteCounter {
  total = 0;
  constructor(readonly maxBytes: number) {}

  add(chunkLength: number): boolean {
    this.total += chunkLength;
    return this.total <= this.maxBytes;
  }
}
