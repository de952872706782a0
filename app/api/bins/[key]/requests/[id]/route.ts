import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type RequestParams, requestIds } from "@/lib/api/params";
import { deleteRequest, getRequestOrThrow } from "@/lib/requests/service";

// GET /api/bins/{key}/requests/{id} — the full record.
export const GET = apiRoute<RequestParams>(async (_request, context) => {
  const { key, id } = await requestIds(context);
  return Response.json(await getRequestOrThrow(key, id));
});

// DELETE /api/bins/{key}/requests/{id} — 204.
export const DELETE = apiRoute<RequestParams>(async (_request, context) => {
  const { key, id } = await requestIds(context);
  await deleteRequest(key, id);
  return new Response(null, { status: 204 });
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET, DELETE");
export const PUT = methodNotAllowed("GET, DELETE");
export const PATCH = methodNotAllowed("GET, DELETE");
