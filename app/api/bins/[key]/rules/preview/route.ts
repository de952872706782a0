import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { previewForCapture, previewInputSchema } from "@/lib/rules/preview-service";

// POST /api/bins/{key}/rules/preview — what the saved rules, or the `rules` given, would answer
// to the stored capture `requestId`; nothing is sent or saved.
export const POST = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const input = await readJson(request, previewInputSchema);
  return Response.json(await previewForCapture(key, input));
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
