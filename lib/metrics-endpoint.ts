// GET /metrics: Prometheus text for a scraper holding METRICS_TOKEN; 404 when no token is set,
// 401 without the right one. Served on node:http for any Host (scrapers use addresses).
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import { sendError } from "./capture/answer.ts";
import { ApiError } from "./errors.ts";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Compares secrets in constant time (digests first, so lengths do not leak either). */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function createMetricsHandler(token: string | undefined, registry: Registry | null) {
  return async function handleMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!token || !registry) {
      sendError(req, res, new ApiError("not_found", "Metrics are off: set METRICS_TOKEN to serve them."));
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendError(req, res, new ApiError("method_not_allowed", "/metrics only answers GET.", { Allow: "GET" }));
      return;
    }
    const auth = req.headers.authorization ?? "";
    const given = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length).trim() : "";
    if (!secretsEqual(given, token)) {
      sendError(
        req,
        res,
        new ApiError("unauthorized", "Send Authorization: Bearer <METRICS_TOKEN>.", { "WWW-Authenticate": "Bearer" }),
      );
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
