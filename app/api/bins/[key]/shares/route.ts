import { publicBaseUrl } from "@/lib/api/base-url";
import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { createShareSchema } from "@/lib/shares/schema";
import { createShare, listShares, toShareJson } from "@/lib/shares/service";

// POST /api/bins/{key}/shares {"name"?} — a new read-only share link; 201.
export const POST = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const share = await createShare(key, await readJson(request, createShareSchema));
  return Response.json(toShareJson(share, publicBaseUrl(request)), { status: 201 });
});

// GET /api/bins/{key}/shares — the bin's share links, oldest first.
export const GET = apiRoute<BinParams>(async (request, context) => {
  const shares = await listShares(await binKey(context));
  const base = publicBaseUrl(request);
  return Response.json({ shares: shares.map((share) => toShareJson(share, base)) });
});

// Other methods: a JSON 405.
export const PUT = methodNotAllowed("GET, POST");
export const PATCH = methodNotAllowed("GET, POST");
export const DELETE = methodNotAllowed("GET, POST");
