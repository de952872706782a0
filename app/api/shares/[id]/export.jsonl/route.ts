import { apiRoute } from "@/lib/api/handle";
import { getEnv } from "@/lib/env";
import { exportResponse } from "@/lib/har/export";
import { parseSelection } from "@/lib/har/selection";
import { type ShareParams, shareId } from "@/lib/shares/params";

// GET /api/shares/{id}/export.jsonl?method&q or ?ids=a,b,c — as the bin's, with URLs from the sub-path on.
export const GET = apiRoute<ShareParams>(async (request, context) => {
  const id = await shareId(context);
  const selection = parseSelection(new URL(request.url).searchParams, getEnv().EXPORT_MAX_REQUESTS);
  return exportResponse({ opener: { by: "share", id }, selection, format: "jsonl", captureBase: "" });
});
