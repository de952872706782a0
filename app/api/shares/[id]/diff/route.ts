import { apiRoute } from "@/lib/api/handle";
import { parseDiffQuery } from "@/lib/diff/diff-query";
import { diffRequests } from "@/lib/diff/service";
import { type ShareParams, shareId } from "@/lib/shares/params";

// GET /api/shares/{id}/diff?a=<id>&b=<id|previous> — as the bin's diff, through a share link.
export const GET = apiRoute<ShareParams>(async (request, context) => {
  const id = await shareId(context);
  const { a, b } = parseDiffQuery(new URL(request.url).searchParams);
  return Response.json(await diffRequests({ by: "share", id }, a, b));
});
