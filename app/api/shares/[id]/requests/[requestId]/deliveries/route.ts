import { apiRoute } from "@/lib/api/handle";
import { getDeliveryTimeline } from "@/lib/deliveries/timeline";
import { type SharedRequestParams, sharedRequestIds } from "@/lib/shares/params";

// GET /api/shares/{id}/requests/{requestId}/deliveries — the request's delivery timeline, as the bin's.
export const GET = apiRoute<SharedRequestParams>(async (_request, context) => {
  const { id, requestId } = await sharedRequestIds(context);
  return Response.json(await getDeliveryTimeline({ by: "share", id }, requestId));
});
