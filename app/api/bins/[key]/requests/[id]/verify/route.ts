import { captureBaseUrl, publicBaseUrl } from "@/lib/api/base-url";
import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { type RequestParams, requestIds } from "@/lib/api/params";
import { verifyInputSchema } from "@/lib/signatures/schema";
import { verifyStoredRequest } from "@/lib/signatures/service";

// POST /api/bins/{key}/requests/{id}/verify — check the stored request's signature with the given
// scheme and secret, or without one the secret saved with the bin for that scheme (400
// signing_secret_not_saved when there is none); 200 with the verdict, valid or not. A secret sent
// here is not stored.
export const POST = apiRoute<RequestParams>(async (request, context) => {
  const { key, id } = await requestIds(context);
  const input = await readJson(request, verifyInputSchema);
  return Response.json(await verifyStoredRequest(key, id, input, captureBaseUrl(publicBaseUrl(request))));
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
