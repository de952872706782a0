import { apiRoute } from "@/lib/api/handle";
import { type SharedRequestParams, sharedRequestIds } from "@/lib/shares/params";
import { getSharedRequestOrThrow } from "@/lib/shares/service";

// GET /api/shares/{id}/requests/{requestId} — the full record, its url starting at the sub-path.
export const GET = apiRoute<SharedRequestParams>(async (_request, context) => {
  const { id, requestId } = await sharedRequestIds(context);
  return Response.json(await getSharedRequestOrThrow(id, requestId));
});
