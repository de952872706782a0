import { publicBaseUrl } from "@/lib/api/base-url";
import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { rotateBinSchema } from "@/lib/bins/schema";
import { rotateBinSecret, toBinJson } from "@/lib/bins/service";

// POST /api/bins/{key}/rotate {"secret":"key"|"token"} — a new key or a new capture token; 200 with the bin.
export const POST = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const { secret } = await readJson(request, rotateBinSchema);
  const bin = await rotateBinSecret(key, secret);
  return Response.json(toBinJson(bin, publicBaseUrl(request)));
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
