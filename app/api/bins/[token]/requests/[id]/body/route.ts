import { apiRoute } from "@/lib/api/handle";
import { type RequestParams, requestIds } from "@/lib/api/params";
import { bodyDownloadHeaders } from "@/lib/requests/body-download";
import { getRequestBody } from "@/lib/requests/service";

// GET /api/bins/{token}/requests/{id}/body — the body bytes exactly, as an attachment.
export const GET = apiRoute<RequestParams>(async (_request, context) => {
  const { token, id } = await requestIds(context);
  const { bytes, contentType } = await getRequestBody(token, id);
  return new Response(new Uint8Array(bytes), { headers: bodyDownloadHeaders(id, contentType, bytes.length) });
});
