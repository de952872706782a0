// @ts-check
// list_requests: the captures of a bin, newest first, with the list endpoint's filters.
import { z } from "zod";
import { binKey, binParam } from "../bin-param.mjs";
import { toolResult } from "../result.mjs";
import { pageShape } from "../shapes.mjs";

/**
 * @param {import("./context.mjs").McpServer} server
 * @param {import("./context.mjs").ToolContext} context
 */
export function registerListRequests(server, { api }) {
  server.registerTool(
    "list_requests",
    {
      title: "List captured requests",
      description:
        "Lists the requests a bin captured, newest first: id, seq (increases with every capture), method, path (after the capture URL's token), query, contentType, bodySize, ip and receivedAt. Read one in full with get_request. When nextCursor is not null, pass it as cursor for the next, older page.",
      inputSchema: {
        bin: binParam,
        method: z.string().max(200).optional().describe("Only this HTTP method, or a comma-separated list (POST,PUT)."),
        q: z
          .string()
          .max(500)
          .optional()
          .describe(
            "Only requests containing this text (case-insensitive) in the path, query, a header value or the body.",
          ),
        redelivered: z
          .boolean()
          .optional()
          .describe("Only redeliveries: requests whose event the bin had already received (attempt above 1)."),
        limit: z.number().int().min(1).max(100).optional().describe("How many to return, 1 to 100 (default 50)."),
        cursor: z.string().max(200).optional().describe("The nextCursor of the previous page."),
      },
      outputSchema: pageShape,
      annotations: { readOnlyHint: true },
    },
    async ({ bin, method, q, redelivered, limit, cursor }) => {
      const params = new URLSearchParams();
      if (method) params.set("method", method);
      if (q) params.set("q", q);
      if (redelivered) params.set("redelivered", "true");
      if (limit !== undefined) params.set("limit", String(limit));
      if (cursor) params.set("cursor", cursor);
      const page = /** @type {{ requests: unknown[], nextCursor: string | null }} */ (
        await api.get(`/api/bins/${binKey(bin)}/requests${params.size > 0 ? `?${params}` : ""}`)
      );
      return toolResult({ requests: page.requests, nextCursor: page.nextCursor });
    },
  );
}
