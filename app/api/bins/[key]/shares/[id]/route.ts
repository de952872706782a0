import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type BinShareParams, binShareIds } from "@/lib/shares/params";
import { revokeShare } from "@/lib/shares/service";

// DELETE /api/bins/{key}/shares/{id} — revoke the share link: it and its open live streams stop; 204.
export const DELETE = apiRoute<BinShareParams>(async (_request, context) => {
  const { key, id } = await binShareIds(context);
  await revokeShare(key, id);
  return new Response(null, { status: 204 });
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("DELETE");
export const POST = methodNotAllowed("DELETE");
export const PUT = methodNotAllowed("DELETE");
export const PATCH = methodNotAllowed("DELETE");
