// @ts-check
// wait_for_request: blocks until a matching capture is stored, through the same server wait
// endpoint as `hookscope wait` (lib/wait), and returns it as get_request does.
import { z } from "zod";
import { WaitTimedOut, waitForCapture } from "../../wait.mjs";
import { binKey, binParam } from "../bin-param.mjs";
import { requestView } from "../request-view.mjs";
import { toolResult } from "../result.mjs";
import { requestShape } from "../shapes.mjs";
import { maxBodyBytesParam } from "./context.mjs";

const DEFAULT_SECONDS = 30;
const MAX_SECONDS = 600;
/** Clients that reset their call timeout on progress keep a long wait alive with these. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * @param {import("./context.mjs").McpServer} server
 * @param {import("./context.mjs").ToolContext} context
 */
export function registerWaitForRequest(server, { api, maxBodyBytes }) {
  server.registerTool(
    "wait_for_request",
    {
      title: "Wait for a captured request",
      description: `Waits until the bin captures a request that passes every filter given, and returns it in full as get_request does. Without after, only requests captured after this call starts count: if you trigger the sender before calling, pass after = the seq of the newest request you saw (0 for a new bin), so that a fast sender is not missed. When nothing matches within timeoutSeconds it fails with the seq to pass as after to keep waiting. Keep timeoutSeconds under your client's tool-call timeout (often 60 s).`,
      inputSchema: {
        bin: binParam,
        after: z
          .number()
          .int()
          .min(0)
          .optional()
          .describe("Only requests with a seq above this (default: the newest when the call starts)."),
        method: z.string().max(200).optional().describe("Only this HTTP method, or a comma-separated list (POST,PUT)."),
        path: z
          .string()
          .max(1000)
          .optional()
          .describe(
            "Only this path after the capture URL's token, a glob: * within a segment, ** across segments, e.g. /github/**.",
          ),
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
          .describe(
            "Only redeliveries: requests whose event the bin had already received (attempt above 1), e.g. a sender's retry.",
          ),
        timeoutSeconds: z
          .number()
          .min(0)
          .max(MAX_SECONDS)
          .optional()
          .describe(`How long to wait, in seconds (default ${DEFAULT_SECONDS}, at most ${MAX_SECONDS}).`),
        maxBodyBytes: maxBodyBytesParam(maxBodyBytes),
      },
      outputSchema: requestShape,
      annotations: { readOnlyHint: true },
    },
    async ({ bin, after, method, path, q, redelivered, timeoutSeconds, maxBodyBytes: limit }, extra) => {
      const key = binKey(bin);
      const seconds = timeoutSeconds ?? DEFAULT_SECONDS;
      const progressToken = extra._meta?.progressToken;
      const started = Date.now();
      const progress =
        progressToken === undefined
          ? undefined
          : setInterval(() => {
              const waited = Math.round((Date.now() - started) / 1000);
              void extra
                .sendNotification({
                  method: "notifications/progress",
                  params: { progressToken, progress: waited, total: seconds, message: `waited ${waited} s` },
                })
                .catch(() => {});
            }, PROGRESS_EVERY_MS);
      try {
        const record = await waitForCapture({
          server: api.server,
          key,
          filters: {
            after: after ?? null,
            method: method || null,
            path: path || null,
            q: q || null,
            redelivered: redelivered ?? false,
            timeoutSeconds: seconds,
          },
          signal: extra.signal,
        });
        const full = /** @type {import("../request-view.mjs").RequestRecord} */ (/** @type {unknown} */ (record));
        return toolResult(await requestView(api, key, full, limit ?? maxBodyBytes));
      } catch (err) {
        if (!(err instanceof WaitTimedOut)) throw err;
        throw new Error(
          `No matching request arrived within ${seconds} s. Call wait_for_request again with after=${err.after} to keep waiting without missing one.`,
        );
      } finally {
        clearInterval(progress);
      }
    },
  );
}
