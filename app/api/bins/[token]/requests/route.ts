import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type BinParams, binToken } from "@/lib/api/params";
import { parseListQuery } from "@/lib/requests/list-query";
import { clearRequests, listRequests } from "@/lib/requests/service";

// GET /api/bins/{token}/requests?limit&cursor&method&q — newest first, cursor-paginated.
export const GET = apiRoute<BinParams>(async (request, context) => {
  const token = await binToken(context);
  const query = parseListQuery(new URL(request.url).searchParams);
  return Response.json(await listRequests(token, query));
});

// DELETE /api/bins/{token}/requests — clear the bin; 204.
export const DELETE = apiRoute<BinParams>(async (_request, context) => {
  await clearRequests(await binToken(context));
  return new Response(null, { status: 204 });
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET, DELETE");
export const PUT = methodNotAllowed("GET, DELETE");
export const PATCH = methodNotAllowed("GET, DELETE");
