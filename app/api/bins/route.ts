import { publicBaseUrl } from "@/lib/api/base-url";
import { clientAddress } from "@/lib/api/client-address";
import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { takeBinCreation } from "@/lib/bins/creation-limit";
import { createBinSchema } from "@/lib/bins/schema";
import { createBin, toBinJson } from "@/lib/bins/service";

// POST /api/bins — create a bin; 201 with the bin, 429 past RATE_LIMIT_BIN_CREATION.
export const POST = apiRoute(async (request) => {
  const input = await readJson(request, createBinSchema);
  takeBinCreation(clientAddress(request));
  const bin = await createBin(input);
  return Response.json(toBinJson(bin, publicBaseUrl(request)), { status: 201 });
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
