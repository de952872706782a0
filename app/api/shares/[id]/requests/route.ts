import { apiRoute } from "@/lib/api/handle";
import { parseListQuery } from "@/lib/requests/list-query";
import { type ShareParams, shareId } from "@/lib/shares/params";
import { listSharedRequests } from "@/lib/shares/service";

// GET /api/shares/{id}/requests?limit&cursor&method&q&redelivered — as the bin's list: newest first, cursor-paginated.
export const GET = apiRoute<ShareParams>(async (request, context) => {
  const id = await shareId(context);
  const query = parseListQuery(new URL(request.url).searchParams);
  return Response.json(await listSharedRequests(id, query));
});
