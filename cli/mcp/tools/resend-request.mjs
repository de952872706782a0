// @ts-check
// resend_request: sends a captured request to a URL through the server's resend API, which
// records the attempt and applies the server's rules (target checks, headers never sent on).
import { z } from "zod";
import { binKey, binParam } from "../bin-param.mjs";
import { bodyNote, bodyView } from "../body.mjs";
import { toolResult } from "../result.mjs";
import { bodyShape, headerPairs } from "../shapes.mjs";
import { maxBodyBytesParam } from "./context.mjs";

/**
 * @typedef {{ id: string, url: string, method: string, status: number, headers: [string, string][],
 *   body?: string | null, bodyBase64?: string, bodyTruncated: boolean, durationMs: number,
 *   sentHeaders: [string, string][], createdAt: string }} ResendItem
 */

/**
 * @param {import("./context.mjs").McpServer} server
 * @param {import("./context.mjs").ToolContext} context
 */
export function registerResendRequest(server, { api, maxBodyBytes }) {
  server.registerTool(
    "resend_request",
    {
      title: "Resend a captured request",
      description:
        "Sends a captured request again, from the Hookscope server, to url (used exactly as given: the captured path and query are not appended), with the captured method, headers and body bytes unless you replace them; connection-level headers, Host and Content-Length are not copied (the last two are recomputed). Redirects are not followed. Returns the target's status, headers and body. Use it to replay a webhook into your handler after changing it.",
      inputSchema: {
        bin: binParam,
        id: z.string().min(1).max(100).describe("The captured request's id."),
        url: z.string().min(1).max(2048).describe("Where to send it: an http or https URL."),
        method: z.string().max(32).optional().describe("Another method to send it with."),
        headers: z
          .array(z.tuple([z.string(), z.string()]))
          .max(500)
          .optional()
          .describe("Headers to send instead of the captured ones, as [name, value] pairs in order."),
        body: z.string().optional().describe("A text body (sent as UTF-8) to send instead of the captured one."),
        bodyBase64: z.string().optional().describe("A binary body, in base64, to send instead of the captured one."),
        maxBodyBytes: maxBodyBytesParam(maxBodyBytes),
      },
      outputSchema: {
        id: z.string().describe("The attempt's id (the bin keeps every attempt)."),
        url: z.string(),
        method: z.string(),
        status: z.number().describe("The target's answer status."),
        headers: headerPairs.describe("The target's answer headers."),
        body: bodyShape.describe("The target's answer body."),
        durationMs: z.number(),
        sentHeaders: headerPairs.describe("The headers sent to the target."),
        createdAt: z.string(),
        note: z.string().optional().describe("Present when the answer body is base64 or cut."),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    },
    async ({ bin, id, maxBodyBytes: limit, ...input }) => {
      const key = binKey(bin);
      const item = /** @type {ResendItem} */ (
        await api.post(`/api/bins/${key}/requests/${encodeURIComponent(id)}/resend`, input)
      );
      const bytes =
        item.bodyBase64 !== undefined ? Buffer.from(item.bodyBase64, "base64") : Buffer.from(item.body ?? "", "utf8");
      const body = bodyView(bytes, bytes.length, limit ?? maxBodyBytes);
      const notes = [
        bodyNote(body, `read it in ${api.server}/api/bins/${key}/requests/${encodeURIComponent(id)}/resends`),
        item.bodyTruncated ? "The server kept only the start of the answer (RESEND_MAX_RESPONSE_BYTES)." : null,
      ].filter(Boolean);
      return toolResult({
        id: item.id,
        url: item.url,
        method: item.method,
        status: item.status,
        headers: item.headers,
        body,
        durationMs: item.durationMs,
        sentHeaders: item.sentHeaders,
        createdAt: item.createdAt,
        ...(notes.length > 0 ? { note: notes.join(" ") } : {}),
      });
    },
  );
}
