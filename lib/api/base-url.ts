// The base URL shown to users in capture and inspect links.
import { getEnv } from "../env.ts";

export function publicBaseUrl(request: Request): string {
  const env = getEnv();
  if (env.PUBLIC_URL) return env.PUBLIC_URL;
  const headers = request.headers;
  const forwardedProto = env.TRUST_PROXY ? headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const forwardedHost = env.TRUST_PROXY ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || headers.get("host") || new URL(request.url).host;
  const proto =
    forwardedProto === "https"
      ? "https"
      : forwardedProto === "http"
        ? "http"
        : new URL(request.url).protocol.replace(":", "");
  return `${proto}://${host}`;
}
