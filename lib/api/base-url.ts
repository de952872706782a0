// The base URLs shown to users: the app's (inspect links, the API) and the capture URLs'.
import { getEnv } from "../env.ts";

/**
 * PUBLIC_URL when set, else the host the request came in on. The scheme is http (this server
 * speaks plain HTTP) unless a trusted proxy says X-Forwarded-Proto: https; forwarded headers from
 * anyone else are not believed.
 */
export function baseUrlFrom(headers: Headers, fallbackUrl: string): string {
  const env = getEnv();
  if (env.PUBLIC_URL) return env.PUBLIC_URL;
  // The value the trusted proxy added is the last one; earlier ones came from the client.
  const forwarded = (name: string) => (env.TRUST_PROXY ? headers.get(name)?.split(",").at(-1)?.trim() : undefined);
  const host = forwarded("x-forwarded-host") || headers.get("host") || new URL(fallbackUrl).host;
  return `${forwarded("x-forwarded-proto") === "https" ? "https" : "http"}://${host}`;
}

export function publicBaseUrl(request: Request): string {
  return baseUrlFrom(request.headers, request.url);
}

/** Where capture URLs point: CAPTURE_URL when captures have a host of their own, else the app's base. */
export function captureBaseUrl(appBaseUrl: string): string {
  return getEnv().CAPTURE_URL ?? appBaseUrl;
}
