import { signedIn } from "@/lib/access/caller";
import { publicBaseUrl } from "@/lib/api/base-url";
import { clientAddress } from "@/lib/api/client-address";
import { apiRoute, methodNotAllowed, readJson, readQuery } from "@/lib/api/handle";
import { takeBinCreation } from "@/lib/bins/creation-limit";
import { createBinSchema, listBinsSchema } from "@/lib/bins/schema";
import { createBin, listBins, toBinJson } from "@/lib/bins/service";
import { ApiError } from "@/lib/errors";

// POST /api/bins — create a bin; 201 with the bin, 429 past RATE_LIMIT_BIN_CREATION.
export const POST = apiRoute(async (request) => {
  const input = await readJson(request, createBinSchema);
  takeBinCreation(clientAddress(request));
  const bin = await createBin(input);
  return Response.json(toBinJson(bin, publicBaseUrl(request)), { status: 201 });
});

// GET /api/bins?q=&limit= — every bin of the instance, most recent activity first: only for a
// signed-in caller (session cookie or Bearer access key), else 401.
export const GET = apiRoute(async (request) => {
  if (!signedIn(request.headers)) {
    throw new ApiError("unauthorized", "Listing every bin needs a signed-in caller (see ACCESS_KEYS).");
  }
  const { q, limit } = readQuery(request, listBinsSchema);
  const base = publicBaseUrl(request);
  return Response.json({ bins: (await listBins(q, limit)).map((bin) => toBinJson(bin, base)) });
});

// Other methods: a JSON 405.
export const PUT = methodNotAllowed("GET, POST");
export const PATCH = methodNotAllowed("GET, POST");
export const DELETE = methodNotAllowed("GET, POST");
