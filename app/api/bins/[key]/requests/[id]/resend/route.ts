import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { type RequestParams, requestIds } from "@/lib/api/params";
import { resendInputSchema } from "@/lib/resend/schema";
import { resendRequest } from "@/lib/resend/service";

// POST /api/bins/{key}/requests/{id}/resend — send the captured request to a URL; 200 with the
// target's answer, or 502 when there was none (both recorded).
export const POST = apiRoute<RequestParams>(async (request, context) => {
  const { key, id } = await requestIds(context);
  const input = await readJson(request, resendInputSchema);
  const item = await resendRequest(key, id, input);
  return Response.json(item, { status: item.error ? 502 : 200 });
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
