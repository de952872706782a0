// @ts-check
// What every tool is registered with.
import { z } from "zod";
import { MAX_BODY_BYTES_CEILING } from "../settings.mjs";

/**
 * @typedef {{ api: import("../api.mjs").Api, maxBodyBytes: number }} ToolContext
 * @typedef {import("@modelcontextprotocol/sdk/server/mcp.js").McpServer} McpServer
 */

/** @param {number} defaultBytes */
export const maxBodyBytesParam = (defaultBytes) =>
  z
    .number()
    .int()
    .min(1)
    .max(MAX_BODY_BYTES_CEILING)
    .optional()
    .describe(
      `The most body bytes to return (default ${defaultBytes}); a longer body is cut there, with a note saying so.`,
    );
