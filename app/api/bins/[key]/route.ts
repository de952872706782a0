import { publicBaseUrl } from "@/lib/api/base-url";
import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { updateBinSchema } from "@/lib/bins/schema";
import { deleteBin, getBinOrThrow, toBinJson, updateBin } from "@/lib/bins/service";

// GET /api/bins/{key} — the bin.
export const GET = apiRoute<BinParams>(async (request, context) => {
  const bin = await getBinOrThrow(await binKey(context));
  return Response.json(toBinJson(bin, publicBaseUrl(request)));
});

// PATCH /api/bins/{key} — update name, response, rules and forwardUrl.
export const PATCH = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const input = await readJson(request, updateBinSchema);
  const bin = await updateBin(key, input);
  return Response.json(toBinJson(bin, publicBaseUrl(request)));
});

// DELETE /api/bins/{key} — the bin and all its requests; 204.
export const DELETE = apiRoute<BinParams>(async (_request, context) => {
  await deleteBin(await binKey(context));
  return new Response(null, { status: 204 });
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET, PATCH, DELETE");
export const PUT = methodNotAllowed("GET, PATCH, DELETE");
