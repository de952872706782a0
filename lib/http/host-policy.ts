// Which Host names this server answers to. A web page that rebinds its own DNS name to 127.0.0.1
// can make a browser send requests to a local Hookscope, but those carry the page's host name:
// refusing names the server does not know stops it from driving the app. Capture URLs are not
// held to this (senders and tunnels use names of their own), except when CAPTURE_URL gives them
// a host of their own.
import os from "node:os";
import { isLoopbackHost } from "../env.ts";

export interface HostSettings {
  HOST: string;
  PUBLIC_URL?: string | undefined;
  CAPTURE_URL?: string | undefined;
  ALLOWED_HOSTS?: string[] | undefined;
}

export interface HostPolicy {
  /** True when the app may be served to a request with this Host header. */
  isKnown(hostHeader: string | undefined): boolean;
  /** True when the Host header names CAPTURE_URL's host (always false without CAPTURE_URL). */
  isCaptureHost(hostHeader: string | undefined): boolean;
  /** True when CAPTURE_URL gives captures a host of their own. */
  readonly separateCaptureHost: boolean;
}

/** The host name of a Host header: lower case, without port, brackets or a trailing dot. */
export function hostName(hostHeader: string): string {
  let name = hostHeader.trim().toLowerCase();
  if (name.startsWith("[")) name = name.slice(1, name.indexOf("]") === -1 ? undefined : name.indexOf("]"));
  else if (name.includes(":") && name.indexOf(":") === name.lastIndexOf(":")) name = name.slice(0, name.indexOf(":"));
  return name.replace(/\.$/, "");
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/** The names a request may use: the bind address (every interface for 0.0.0.0), the configured URLs, ALLOWED_HOSTS. */
export function knownHostNames(settings: HostSettings, interfaces = localAddresses()): Set<string> | "any" {
  const names = new Set<string>();
  for (const entry of settings.ALLOWED_HOSTS ?? []) {
    if (entry === "*") return "any";
    names.add(hostName(entry));
  }
  for (const url of [settings.PUBLIC_URL, settings.CAPTURE_URL]) {
    if (url) names.add(hostName(new URL(url).host));
  }
  const bind = hostName(settings.HOST);
  if (bind === "0.0.0.0" || bind === "::") {
    for (const name of [...LOOPBACK_NAMES, ...interfaces, os.hostname().toLowerCase()]) names.add(name);
  } else if (isLoopbackHost(bind)) {
    for (const name of [...LOOPBACK_NAMES, bind]) names.add(name);
  } else {
    names.add(bind);
  }
  return names;
}

function localAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address.toLowerCase().replace(/%.*$/, "")] : []));
}

export function createHostPolicy(settings: HostSettings): HostPolicy {
  const known = knownHostNames(settings);
  const captureHost = settings.CAPTURE_URL ? hostName(new URL(settings.CAPTURE_URL).host) : null;
  return {
    separateCaptureHost: captureHost !== null,
    isKnown: (hostHeader) => {
      if (!hostHeader) return false;
      return known === "any" || known.has(hostName(hostHeader));
    },
    isCaptureHost: (hostHeader) => captureHost !== null && !!hostHeader && hostName(hostHeader) === captureHost,
  };
}
