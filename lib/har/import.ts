// HAR import: each entry of the file becomes a capture of the bin, marked as imported, with its
// original time, in one transaction; open inspectors see them arrive like any capture.
import { z } from "zod";
import { getBinOrThrow } from "../bins/service.ts";
import { getEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { eventBus } from "../events/bus.ts";
import { newId } from "../ids.ts";
import { toSummary } from "../requests/serialize.ts";
import { storage } from "../storage/index.ts";
import type { ImportedRequest } from "../storage/types.ts";
import { parseHar } from "./parse.ts";

/** Stores the HAR's entries in the bin with this key; returns how many. Throws invalid_har, bin_not_found. */
/** POST /api/bins/{key}/import's answer: how many captures the file made. */
export const harImportAnswerSchema = z.strictObject({ imported: z.number().int().min(0) });

export async function importHar(key: string, har: unknown): Promise<number> {
  const bin = await getBinOrThrow(key);
  const entries = parseHar(har);
  const maxBody = getEnv().MAX_BODY_BYTES;
  const tooBig = entries.findIndex((entry) => entry.body.length > maxBody);
  if (tooBig !== -1) {
    // No capture is larger than a sender may send: the same bound holds for an imported one.
    throw new ApiError(
      "body_too_large",
      `entries[${tooBig}].request.postData: the body is larger than ${maxBody} bytes (MAX_BODY_BYTES).`,
    );
  }
  const now = new Date();
  const requests: ImportedRequest[] = entries.map((entry) => {
    const query = entry.query === "" ? "" : `?${entry.query}`;
    return {
      id: newId(entry.receivedAt.getTime()),
      method: entry.method,
      // As if sent to this bin's capture URL: curl copies and resends then go where captures do.
      url: `/h/${bin.token}${entry.path === "/" ? "" : entry.path}${query}`,
      path: entry.path,
      query: entry.query,
      httpVersion: entry.httpVersion,
      headers: entry.headers,
      contentType: entry.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null,
      body: entry.body,
      ip: entry.ip,
      receivedAt: entry.receivedAt,
    };
  });
  const stored = await storage().importRequests(bin.id, requests, now, getEnv().MAX_REQUESTS_PER_BIN);
  for (const row of stored) eventBus().publish(bin.id, { type: "request", summary: toSummary(row) });
  return requests.length;
}
