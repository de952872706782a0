import { captureBaseUrl, publicBaseUrl } from "@/lib/api/base-url";
import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { getEnv } from "@/lib/env";
import { exportResponse } from "@/lib/har/export";
import { parseSelection } from "@/lib/har/selection";

// GET /api/bins/{key}/export.har?method&q or ?ids=a,b,c — the requests as a download.
export const GET = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const selection = parseSelection(new URL(request.url).searchParams, getEnv().EXPORT_MAX_REQUESTS);
  const captureBase = captureBaseUrl(publicBaseUrl(request));
  return exportResponse({ opener: { by: "key", key }, selection, format: "har", captureBase });
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
