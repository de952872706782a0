import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { parseDiffQuery } from "@/lib/diff/diff-query";
import { diffRequests } from "@/lib/diff/service";

// GET /api/bins/{key}/diff?a=<id>&b=<id|previous> — what differs between two requests of the bin.
export const GET = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const { a, b } = parseDiffQuery(new URL(request.url).searchParams);
  return Response.json(await diffRequests({ by: "key", key }, a, b));
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
