import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type RequestParams, requestIds } from "@/lib/api/params";
import { listResends } from "@/lib/resend/service";

// GET /api/bins/{key}/requests/{id}/resends — the request's resend and forward attempts, newest first.
export const GET = apiRoute<RequestParams>(async (_request, context) => {
  const { key, id } = await requestIds(context);
  return Response.json({ resends: await listResends(key, id) });
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
