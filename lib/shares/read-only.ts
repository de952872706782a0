// Share links read and never change: every /api/shares/... endpoint answers GET (and HEAD) only.
// server.ts asks this before anything else sees the request, so that no method, however Next
// would route it, reaches a handler through a share link.
import { ApiError } from "../errors.ts";

const SHARE_API = /^\/api\/shares(?:[/?#]|$)/;

/** The 405 for a request that would change something through a share link, else null. */
export function refuseShareChange(method: string | undefined, path: string): ApiError | null {
  if (!SHARE_API.test(path) || method === "GET" || method === "HEAD") return null;
  return new ApiError("method_not_allowed", "A share link is read-only: only GET is supported.", { Allow: "GET" });
}
