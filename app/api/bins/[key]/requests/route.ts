import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { parseListQuery } from "@/lib/requests/list-query";
import { clearRequests, listRequests } from "@/lib/requests/service";

// GET /api/bins/{key}/requests?limit&cursor&method&q&redelivered — newest first, cursor-paginated.
export const GET = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const query = parseListQuery(new URL(request.url).searchParams);
  return Response.json(await listRequests(key, query));
});

// DELETE /api/bins/{key}/requests — clear the bin; 204.
export const DELETE = apiRoute<BinParams>(async (_request, context) => {
  await clearRequests(await binKey(context));
  return new Response(null, { status: 204 });
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET, DELETE");
export const PUT = methodNotAllowed("GET, DELETE");
export const PATCH = methodNotAllowed("GET, DELETE");
