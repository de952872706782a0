// Which addresses a resend or forward may connect to. Unless RESEND_ALLOW_PRIVATE is set, only
// public unicast addresses are allowed, so a capture server on the internet cannot be used to
// reach its own machine, its network or a cloud metadata service (169.254.169.254). The check is
// made on the addresses the connection will use: literal IPs before connecting, host names inside
// the socket's DNS lookup (so a name cannot resolve to a public address when checked and a
// private one when connected).
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/** The ipaddr.js range of an address, looking through IPv4 addresses embedded in IPv6 forms. */
export function addressRange(address: string): string {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return "invalid";
  }
  if (parsed.kind() === "ipv4") return parsed.range();
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  return embedded ? embedded.range() : v6.range();
}

/** True for the addresses a target may have when private targets are not allowed. */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === "unicast";
}

/**
 * The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:a.b.c.d), IPv4-translated,
 * NAT64 (64:ff9b::/96), 6to4 (2002::/16) and the deprecated IPv4-compatible form (::a.b.c.d).
 */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const range = v6.range();
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052") return v4(p[6] ?? 0, p[7] ?? 0);
  if (range === "6to4") return v4(p[1] ?? 0, p[2] ?? 0);
  if (range === "unicast" && p.slice(0, 6).every((x) => x === 0)) return v4(p[6] ?? 0, p[7] ?? 0);
  return null;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: "a loopback",
  private: "a private",
  linkLocal: "a link-local",
  uniqueLocal: "a unique-local",
  unspecified: "an unspecified",
  multicast: "a multicast",
  broadcast: "a broadcast",
  reserved: "a reserved",
  carrierGradeNat: "a carrier-grade NAT",
};

/** Why a target is refused, naming the setting that allows it. */
export function refusalMessage(host: string, address: string): string {
  const range = addressRange(address);
  const kind = RANGE_NAMES[range] ?? `a non-public (${range})`;
  const via = host === address ? address : `${host} (${address})`;
  return (
    `Sending to ${via} is refused: it is ${kind} address. ` +
    "Set RESEND_ALLOW_PRIVATE=true to allow loopback, private and link-local targets."
  );
}

/** Raised inside the socket's lookup when a host name resolves to a refused address. */
export class TargetRefusedError extends Error {
  readonly code = "ETARGETREFUSED";
}

export type ResolveAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

const systemResolve: ResolveAll = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/** A socket lookup that resolves every address of the host and fails when any of them is refused. */
export function guardedLookup(resolve: ResolveAll = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, "");
        return;
      }
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      const first = addresses[0];
      if (refused) {
        callback(new TargetRefusedError(refusalMessage(hostname, refused.address)), "");
      } else if (!first) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "");
      } else if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}
