// The base URL shown to users in capture and inspect links.
import { getEnv } from "../env.ts";

/** PUBLIC_URL when set, else the scheme and host the request came in on (forwarded ones only when trusted). */
export function baseUrlFrom(headers: Headers, fallbackUrl: string): string {
  const env = getEnv();
  if (env.PUBLIC_URL) return env.PUBLIC_URL;
  const fallback = new URL(fallbackUrl);
  const first = (name: string) => (env.TRUST_PROXY ? headers.get(name)?.split(",")[0]?.trim() : undefined);
  const proto = first("x-forwarded-proto");
  const host = first("x-forwarded-host") || headers.get("host") || fallback.host;
  const scheme = proto === "https" || proto === "http" ? proto : fallback.protocol.replace(":", "");
  return `${scheme}://${host}`;
}

export function publicBaseUrl(request: Request): string {
  return baseUrlFrom(request.headers, request.url);
}
