// "Copy as curl": a command that sends the captured request again, method, headers and body
// exactly. Bodies that are not text are sent from a file the user downloads first.
import { originForm } from "./capture/target";
import type { RequestRecord } from "./requests/types";

/** POSIX single-quoting: safe for any text, newlines included. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Headers curl computes itself or that would break a replay. */
const SKIPPED = new Set(["host", "content-length"]);

export interface CurlOptions {
  /** Where the request goes, e.g. the capture origin "https://hooks.example.com". */
  origin: string;
  /** URL of the stored body, used when the body is not text. */
  bodyUrl: string;
}

export function toCurl(record: RequestRecord, options: CurlOptions): string {
  // Always this server's origin: an absolute-form target names a host the sender chose.
  const url = `${options.origin}${originForm(record.url)}`;
  const parts = ["curl"];
  if (record.method === "HEAD") parts.push("--head");
  else parts.push("-X", shellQuote(record.method));
  parts.push(shellQuote(url));
  if (record.httpVersion === "1.0") parts.push("--http1.0");
  for (const [name, value] of record.headers) {
    if (SKIPPED.has(name.toLowerCase())) continue;
    // "Name;" is curl's way to send a header with an empty value.
    parts.push("-H", shellQuote(value === "" ? `${name};` : `${name}: ${value}`));
  }
  let prefix = "";
  if (record.bodySize > 0) {
    if (record.bodyText !== null) {
      // --data-raw, not --data-binary: a body starting with "@" must not make curl read a local file.
      parts.push("--data-raw", shellQuote(record.bodyText));
    } else {
      prefix = `# The body is binary: download it first.\ncurl -o body.bin ${shellQuote(options.bodyUrl)}\n`;
      parts.push("--data-binary", "@body.bin");
    }
  }
  return `${prefix}${parts.join(" ")}`;
}
