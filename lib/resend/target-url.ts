// The URL a resend or forward goes to, used exactly as given: its own path and query are the
// request-target (the captured sub-path is not appended), its fragment is never sent.
import { ApiError } from "../errors.ts";

export interface TargetUrl {
  protocol: "http:" | "https:";
  /** The host to connect to; IPv6 without brackets. */
  hostname: string;
  port: number;
  /** The Host header value. */
  host: string;
  /** The request-target: the URL's path and query as written. */
  path: string;
  /** "user:password" from the URL, decoded, for Basic authentication; null when absent. */
  credentials: string | null;
}

const RAW_TARGET = /^https?:\/\/[^/?#]*([^#]*)/i;
/** Anything but visible ASCII (without the backslash) and printable non-ASCII: spaces, controls, "\\". */
const UNSAFE = /[^\x21-\x5b\x5d-\x7e\u00a0-\uffff]/;

const invalid = (message: string) => new ApiError("invalid_url", message);

export function parseTargetUrl(input: string): TargetUrl {
  if (UNSAFE.test(input)) {
    throw invalid("The url may not contain spaces, control characters or backslashes; percent-encode them.");
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalid(`"${input.slice(0, 200)}" is not an absolute URL such as https://example.com/webhook.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalid(`Only http: and https: URLs can be sent to; got "${url.protocol}".`);
  }
  const raw = RAW_TARGET.exec(input);
  if (!raw || !url.hostname) throw invalid(`"${input.slice(0, 200)}" must start with http:// or https:// and a host.`);
  return {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80,
    host: url.host,
    path: requestTarget(raw[1] ?? ""),
    credentials: url.username || url.password ? decodeCredentials(url) : null,
  };
}

/** The path and query as written; "/" when empty. Non-ASCII characters are percent-encoded as UTF-8. */
function requestTarget(raw: string): string {
  const path = raw === "" ? "/" : raw.startsWith("?") ? `/${raw}` : raw;
  try {
    return path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  } catch {
    throw invalid("The url's path is not valid Unicode.");
  }
}

function decodeCredentials(url: URL): string {
  try {
    return `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  } catch {
    throw invalid("The url's user name or password is not valid percent-encoding.");
  }
}
