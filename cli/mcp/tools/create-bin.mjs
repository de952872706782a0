// @ts-check
// create_bin: a new bin to point a sender at.
import { z } from "zod";
import { toolResult } from "../result.mjs";

/**
 * @param {import("./context.mjs").McpServer} server
 * @param {import("./context.mjs").ToolContext} context
 */
export function registerCreateBin(server, { api }) {
  server.registerTool(
    "create_bin",
    {
      title: "Create a bin",
      description:
        "Creates a Hookscope bin. Give its captureUrl to the sender (a webhook provider, your app under test): every request sent to it, or to any sub-path of it, is stored exactly as sent. Pass its key (or inspectUrl) as `bin` to the other tools; inspectUrl also opens the bin in a browser.",
      inputSchema: { name: z.string().max(100).optional().describe("A label for the bin, e.g. the sender's name.") },
      outputSchema: {
        key: z.string().describe("Opens the bin: pass it as `bin` to the other tools. Keep it private."),
        name: z.string().nullable(),
        captureUrl: z.string().describe("Where senders send; any sub-path of it works too."),
        inspectUrl: z.string().describe("The bin's inspector in a browser; also accepted as `bin`."),
        createdAt: z.string(),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    },
    async ({ name }) => {
      const bin =
        /** @type {{ key: string, name: string | null, captureUrl: string, inspectUrl: string, createdAt: string }} */ (
          await api.post("/api/bins", name === undefined ? {} : { name })
        );
      return toolResult({
        key: bin.key,
        name: bin.name,
        captureUrl: bin.captureUrl,
        inspectUrl: bin.inspectUrl,
        createdAt: bin.createdAt,
      });
    },
  );
}
