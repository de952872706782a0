// Splits a raw request-target into the parts a capture stores. Nothing is decoded: the token,
// path and query are kept exactly as the sender wrote them.

export interface CaptureTarget {
  token: string;
  /** The raw path after the token, "/" when none. */
  path: string;
  /** The raw query string without "?", "" when none. */
  query: string;
}

const CAPTURE_PREFIX = /^\/h(?:\/|$)/;

/** The origin-form part of a request-target (absolute-form "http://host/x" becomes "/x"). */
export function originForm(url: string): string {
  if (url.startsWith("/")) return url;
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  if (!match) return url;
  const rest = url.slice(match[0].length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}

/** True when the request-target is under /h, the capture prefix. */
export function isCaptureTarget(url: string): boolean {
  return CAPTURE_PREFIX.test(originForm(url));
}

/** Parses "/h/{token}[/sub/path][?query]"; null when the target is not a capture URL. */
export function parseCaptureTarget(url: string): CaptureTarget | null {
  const target = originForm(url);
  if (!CAPTURE_PREFIX.test(target)) return null;
  const q = target.indexOf("?");
  const pathPart = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? "" : target.slice(q + 1);
  const afterPrefix = pathPart.slice(3); // drop "/h/"
  const slash = afterPrefix.indexOf("/");
  const token = slash === -1 ? afterPrefix : afterPrefix.slice(0, slash);
  const path = slash === -1 ? "/" : afterPrefix.slice(slash);
  return { token, path, query };
}
