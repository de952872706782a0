import { apiRoute } from "@/lib/api/handle";
import { type ShareParams, shareId } from "@/lib/shares/params";
import { getSharedBinOrThrow, toSharedBinJson } from "@/lib/shares/service";

// GET /api/shares/{id} — the shared bin's name, creation, last request and count; nothing else.
// Every other method on /api/shares/... is answered 405 by server.ts (lib/shares/read-only.ts).
export const GET = apiRoute<ShareParams>(async (_request, context) => {
  return Response.json(toSharedBinJson(await getSharedBinOrThrow(await shareId(context))));
});
