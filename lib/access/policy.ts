// Who may call what, by ACCESS_MODE (the README's access table). Capture URLs are answered before
// this is asked and take senders in every mode.
//   open:       anyone; a bin's key grants everything on that bin, share links grant reading.
//   restricted: as open, but creating bins needs a signed-in caller.
//   private:    every page and API call needs a signed-in caller, except /api/health, signing in
//               and share links (and the static files pages load). The API document and its
//               reference page are open too: they describe the API's shapes, published with the
//               source, and hold nothing of the instance.
export type AccessMode = "open" | "restricted" | "private";

export type AccessVerdict = "allow" | "sign_in";

/** Paths open in every mode. */
const ALWAYS_OPEN = [
  /^\/api\/health$/,
  /^\/signin$/,
  /^\/api\/session$/,
  /^\/api\/openapi\.json$/,
  /^\/docs\/api$/,
  /^\/s\/[^/]+(?:\/diff)?$/,
  /^\/api\/shares\//,
  /^\/_next\/static\//,
  /^\/icon\.svg$/,
  /^\/favicon\.ico$/,
  /^\/theme-init\.js$/,
];

/** `path` without its query. */
export function accessVerdict(mode: AccessMode, method: string, path: string, signedIn: boolean): AccessVerdict {
  if (signedIn || mode === "open") return "allow";
  if (ALWAYS_OPEN.some((open) => open.test(path))) return "allow";
  if (mode === "restricted") return method === "POST" && path === "/api/bins" ? "sign_in" : "allow";
  return "sign_in";
}
