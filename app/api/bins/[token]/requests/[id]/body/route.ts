import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { type RequestParams, requestIds } from "@/lib/api/params";
import { decodeBody, decodedBodyHeaders, parseDecodeParam } from "@/lib/requests/body-decode";
import { bodyDownloadHeaders } from "@/lib/requests/body-download";
import { getRequestBody, getRequestBodyWithEncoding } from "@/lib/requests/service";

// GET /api/bins/{token}/requests/{id}/body[?decode=1] — the body bytes exactly, as an attachment;
// with decode=1, its Content-Encoding undone (the bytes as stored when it has none).
export const GET = apiRoute<RequestParams>(async (request, context) => {
  const { token, id } = await requestIds(context);
  if (parseDecodeParam(new URL(request.url).searchParams)) {
    const { bytes, contentType, contentEncoding } = await getRequestBodyWithEncoding(token, id);
    const decoded = await decodeBody(bytes, contentEncoding);
    return new Response(new Uint8Array(decoded.bytes), { headers: decodedBodyHeaders(id, contentType, decoded) });
  }
  const { bytes, contentType } = await getRequestBody(token, id);
  return new Response(new Uint8Array(bytes), { headers: bodyDownloadHeaders(id, contentType, bytes.length) });
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
