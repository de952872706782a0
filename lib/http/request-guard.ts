// The checks every request passes before it reaches capture, the live stream or Next: the Host it
// names, where a browser call to the API comes from, and which forwarded headers are believed.
// One place, on node:http, so no route can forget them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isSignedIn, SIGNED_IN_HEADER } from "../access/caller.ts";
import type { AccessConfig } from "../access/config.ts";
import { accessVerdict } from "../access/policy.ts";
import { CLIENT_IP_HEADER } from "../api/client-address.ts";
import { sendError } from "../capture/answer.ts";
import { clientIp } from "../capture/headers.ts";
import { ApiError } from "../errors.ts";
import type { HostPolicy } from "./host-policy.ts";

/** Headers a client could use to claim another scheme, host or address; believed only with TRUST_PROXY. */
const FORWARDED = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

export interface GuardOptions {
  hosts: HostPolicy;
  trustProxy: boolean;
  /** Origins (scheme://host[:port]) whose browser pages may call the API. */
  allowedOrigins: readonly string[];
  /** The app's own origin, for messages. */
  publicUrl?: string | undefined;
  /** Who may call what (ACCESS_MODE), and how a signed-in caller is recognised. */
  access: AccessConfig;
}

export type Verdict = "pass" | "answered";

export function createRequestGuard(options: GuardOptions) {
  const allowedOrigins = new Set(options.allowedOrigins);
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : null;

  /** Checks a capture request: with CAPTURE_URL, captures are taken on its host only. */
  function guardCapture(req: IncomingMessage, res: ServerResponse): Verdict {
    if (!options.hosts.separateCaptureHost || options.hosts.isCaptureHost(requestHost(req))) return "pass";
    sendError(
      req,
      res,
      new ApiError(
        "misdirected_request",
        "Capture URLs are served on the capture host (CAPTURE_URL) only; send this request there.",
      ),
      true,
    );
    return "answered";
  }

  /** Checks a request for a page, the API or the live stream, and prepares its headers for Next. */
  function guardApp(req: IncomingMessage, res: ServerResponse, path: string): Verdict {
    const host = requestHost(req);
    const health = path === "/api/health" || path.startsWith("/api/health?");
    if (!health && !options.hosts.isKnown(host)) {
      sendError(
        req,
        res,
        new ApiError(
          "unknown_host",
          "This server does not answer to that host name. Set PUBLIC_URL (or ALLOWED_HOSTS) to the name you reach it by.",
        ),
      );
      return "answered";
    }
    if (!health && options.hosts.isCaptureHost(host)) {
      const where = options.publicUrl ? ` at ${options.publicUrl}` : " on its own host";
      sendError(
        req,
        res,
        new ApiError("misdirected_request", `This host only receives captures (CAPTURE_URL); the app is${where}.`),
      );
      return "answered";
    }
    believeForwardedHeaders(req);
    if (path.startsWith("/api/") && guardApi(req, res, host) === "answered") return "answered";
    return guardAccess(req, res, path);
  }

  /** Pages and API calls that need a signed-in caller (lib/access/policy.ts) get 401 or the sign-in page. */
  function guardAccess(req: IncomingMessage, res: ServerResponse, path: string): Verdict {
    delete req.headers[SIGNED_IN_HEADER];
    const signedIn = isSignedIn(
      { cookie: header(req, "cookie"), authorization: header(req, "authorization") },
      options.access,
      Date.now(),
    );
    if (signedIn) req.headers[SIGNED_IN_HEADER] = "1";
    const pathOnly = path.split("?")[0] ?? path;
    if (accessVerdict(options.access.mode, req.method ?? "GET", pathOnly, signedIn) === "allow") return "pass";
    if (pathOnly.startsWith("/api/")) {
      sendError(
        req,
        res,
        new ApiError(
          "unauthorized",
          "Sign in first: send Authorization: Bearer <access key>, or sign in at /signin in a browser.",
        ),
      );
    } else {
      res.writeHead(303, { Location: `/signin?next=${encodeURIComponent(path)}`, "Cache-Control": "no-store" });
      res.end();
    }
    return "answered";
  }

  function guardApi(req: IncomingMessage, res: ServerResponse, host: string | undefined): Verdict {
    const origin = header(req, "origin");
    const explicitlyAllowed = origin !== undefined && allowedOrigins.has(origin);
    if (!explicitlyAllowed && isCrossOrigin(req, origin, host, publicOrigin)) {
      sendError(
        req,
        res,
        new ApiError(
          "forbidden_origin",
          "The API does not answer browser calls from other sites. Add the calling origin to ALLOWED_ORIGINS to allow it.",
        ),
      );
      return "answered";
    }
    if (explicitlyAllowed) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Vary", "Origin");
      if (req.method === "OPTIONS" && header(req, "access-control-request-method")) {
        res.writeHead(204, {
          "Access-Control-Allow-Methods": "GET, POST, PATCH, DELETE",
          "Access-Control-Allow-Headers": header(req, "access-control-request-headers") ?? "content-type",
          "Access-Control-Max-Age": "600",
        });
        res.end();
        return "answered";
      }
    }
    return "pass";
  }

  function believeForwardedHeaders(req: IncomingMessage): void {
    const headers = req.headers;
    const ip = clientIp(req.socket.remoteAddress, req.rawHeaders, options.trustProxy);
    if (!options.trustProxy) for (const name of FORWARDED) delete headers[name];
    headers[CLIENT_IP_HEADER] = ip;
  }

  /**
   * The host the client asked for: behind a trusted proxy, the X-Forwarded-Host value that proxy
   * added (the last one: earlier ones came from the client), else Host.
   */
  function requestHost(req: IncomingMessage): string | undefined {
    const forwarded = options.trustProxy ? header(req, "x-forwarded-host")?.split(",").at(-1)?.trim() : undefined;
    return forwarded || header(req, "host");
  }

  return { guardCapture, guardApp };
}

/**
 * A browser call from another site: an Origin that is not this host, or a fetch metadata header
 * saying so. Calls without either (curl, scripts, same-origin reads) pass.
 */
function isCrossOrigin(
  req: IncomingMessage,
  origin: string | undefined,
  host: string | undefined,
  publicOrigin: string | null,
): boolean {
  // Browsers set Sec-Fetch-Site themselves and pages cannot change it; it holds behind a proxy
  // that rewrites Host (and drops its port), where comparing Origin with Host would not.
  const site = header(req, "sec-fetch-site");
  if (site === "same-origin") return false;
  if (site === "cross-site" || site === "same-site") return true;
  if (origin === undefined) return false;
  if (origin === publicOrigin) return false;
  if (origin === "null" || !host) return true;
  try {
    return new URL(origin).host.toLowerCase() !== host.toLowerCase();
  } catch {
    return true;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
