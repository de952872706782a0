// Helpers over Node's rawHeaders ([name, value, name, value, ...]): arrival order, original case
// and duplicates are kept; lookups are case-insensitive.

export type HeaderPair = [name: string, value: string];

export function toPairs(rawHeaders: readonly string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    pairs.push([rawHeaders[i] as string, rawHeaders[i + 1] as string]);
  }
  return pairs;
}

/** The first value of a header in a rawHeaders array, or null. */
export function firstHeader(rawHeaders: readonly string[], name: string): string | null {
  const wanted = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const candidate = rawHeaders[i] as string;
    // Names of another length are not lowercased: the capture writer looks up a dozen headers per row.
    if (candidate.length === wanted.length && candidate.toLowerCase() === wanted) return rawHeaders[i + 1] as string;
  }
  return null;
}

/** The client's address: the socket's, or X-Forwarded-For's rightmost entry when the proxy is trusted. */
export function clientIp(
  socketAddress: string | undefined,
  rawHeaders: readonly string[],
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const wanted = "x-forwarded-for";
    let last: string | null = null;
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      if ((rawHeaders[i] as string).toLowerCase() === wanted) last = rawHeaders[i + 1] as string;
    }
    const entry = last?.split(",").pop()?.trim();
    if (entry) return stripMappedPrefix(entry);
  }
  return stripMappedPrefix(socketAddress ?? "");
}

export function stripMappedPrefix(ip: string): string {
  return ip.toLowerCase().startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}
