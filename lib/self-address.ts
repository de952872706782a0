// Where this server listens, so that resends and forwards can refuse to target its own capture
// URLs (a bin forwarding to itself, or two bins to each other, would loop for ever).
import { getEnv, isLoopbackHost } from "./env.ts";

const globalForSelf = globalThis as unknown as { __hookscopeListen?: { host: string; port: number } };

export function rememberListenAddress(host: string, port: number): void {
  globalForSelf.__hookscopeListen = { host, port };
}

/** True when hostname:port and path name one of this server's capture URLs. */
export function isOwnCaptureUrl(hostname: string, port: number, host: string, path: string): boolean {
  if (!/^\/h(\/|\?|$)/.test(path)) return false;
  const publicUrl = getEnv().PUBLIC_URL;
  if (publicUrl && new URL(publicUrl).host.toLowerCase() === host.toLowerCase()) return true;
  const listen = globalForSelf.__hookscopeListen;
  if (!listen || port !== listen.port) return false;
  const name = hostname.toLowerCase();
  const anyAddress = listen.host === "0.0.0.0" || listen.host === "::";
  return isLoopbackHost(name) || name === listen.host.toLowerCase() || (anyAddress && name !== "");
}
