import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type RequestParams, requestIds } from "@/lib/api/params";
import { getDeliveryTimeline } from "@/lib/deliveries/timeline";

// GET /api/bins/{key}/requests/{id}/deliveries — every delivery of the request's event, oldest first.
export const GET = apiRoute<RequestParams>(async (_request, context) => {
  const { key, id } = await requestIds(context);
  return Response.json(await getDeliveryTimeline({ by: "key", key }, id));
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
