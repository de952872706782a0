// Where this server listens, so that resends and forwards can refuse to target its own capture
// URLs (a bin forwarding to itself, or two bins to each other, would loop). This is a first line
// only: no URL check can know every name and address that reaches this server (a hosts-file
// alias, its public address behind NAT, another Hookscope server forwarding back). What ends a
// loop for certain is the hop header every sent request carries (lib/resend/outgoing-headers.mjs).
import ipaddr from "ipaddr.js";
import { isCaptureTarget } from "./capture/target.ts";
import { getEnv } from "./env.ts";
import { addressRange } from "./resend/target-safety.ts";

const globalForSelf = globalThis as unknown as { __hookscopeListen?: { host: string; port: number } };

export function rememberListenAddress(host: string, port: number): void {
  globalForSelf.__hookscopeListen = { host, port };
}

export interface UrlParts {
  /** The host name or address; IPv6 with or without brackets. */
  hostname: string;
  port: number;
  /** The request-target as it will be sent. */
  path: string;
}

/** True when the URL names one of this server's capture URLs. */
export function isOwnCaptureUrl({ hostname, port, path }: UrlParts): boolean {
  if (!isCaptureTarget(path)) return false;
  const name = canonicalHost(hostname);
  const { PUBLIC_URL, CAPTURE_URL } = getEnv();
  for (const configured of [PUBLIC_URL, CAPTURE_URL]) {
    if (!configured) continue;
    const url = new URL(configured);
    const configuredPort = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    if (canonicalHost(url.hostname) === name && configuredPort === port) return true;
  }
  const listen = globalForSelf.__hookscopeListen;
  if (!listen || port !== listen.port) return false;
  const listenHost = canonicalHost(listen.host);
  if (isUnspecified(listenHost)) return name !== "";
  return name === listenHost || reachesThisMachine(name);
}

/**
 * A host as compared here: lower case, without brackets or the trailing dot of a fully qualified
 * name ("localhost." is "localhost"), an address in its normal form, IPv4-mapped IPv6 as IPv4.
 */
function canonicalHost(hostname: string): string {
  const host = hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (!ipaddr.isValid(host)) return host;
  const address = ipaddr.parse(host);
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return address.toString();
}

/** Names and addresses that always reach the machine itself: loopback, *.localhost, 0.0.0.0 and ::. */
function reachesThisMachine(host: string): boolean {
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (!ipaddr.isValid(host)) return false;
  const range = addressRange(host);
  return range === "loopback" || range === "unspecified";
}

function isUnspecified(host: string): boolean {
  return ipaddr.isValid(host) && addressRange(host) === "unspecified";
}
