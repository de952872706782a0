// Exports of a bin's requests, as HAR 1.2 or JSON lines, streamed one request at a time so that
// memory holds one body however many are exported (at most EXPORT_MAX_REQUESTS).
import { type BinOpener, openBinOrThrow } from "../bins/opener.ts";
import { getEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { toRecord } from "../requests/serialize.ts";
import type { RequestRecord } from "../requests/types.ts";
import { subPathOf } from "../shares/sub-path.ts";
import { storage } from "../storage/index.ts";
import { toHarEntry } from "./entry.ts";
import { type ExportSelection, selectedIds } from "./selection.ts";

/**
 * Where a share link's exports say the requests went: its records start at the sub-path, so that
 * the bin's token never appears (the inspector's "Copy as curl" uses the same placeholder).
 */
export const SHARE_PLACEHOLDER_ORIGIN = "https://your-endpoint.example";

export type ExportFormat = "har" | "jsonl";

export interface ExportRequest {
  opener: BinOpener;
  selection: ExportSelection;
  format: ExportFormat;
  /** The capture URLs' origin; unused on a share link. */
  captureBase: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  har: "application/json; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
};

/** The export as a download; a bin or share link that opens nothing is a 404 before anything is sent. */
export async function exportResponse(req: ExportRequest): Promise<Response> {
  const bin = await openBinOrThrow(req.opener);
  const ids = await selectedIds(bin.id, req.selection, getEnv().EXPORT_MAX_REQUESTS);
  const shared = req.opener.by === "share";
  const base = shared ? SHARE_PLACEHOLDER_ORIGIN : req.captureBase;
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return new Response(streamOf(bin.id, ids, shared, base, req.format), {
    headers: {
      "Content-Type": CONTENT_TYPES[req.format],
      "Content-Disposition": `attachment; filename="hookscope-${stamp}.${req.format}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}

function streamOf(binId: string, ids: string[], shared: boolean, base: string, format: ExportFormat) {
  const encoder = new TextEncoder();
  let next = 0;
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "har") controller.enqueue(encoder.encode(harOpening()));
    },
    async pull(controller) {
      // Requests deleted since they were selected (or ids that name none) are left out.
      for (;;) {
        const id = ids[next++];
        if (id === undefined) {
          if (format === "har") controller.enqueue(encoder.encode("]}}\n"));
          controller.close();
          return;
        }
        const read = await readRequest(binId, id, shared);
        if (!read) continue;
        const line =
          format === "har"
            ? `${first ? "" : ","}\n${JSON.stringify(toHarEntry(read.record, read.body, base))}`
            : `${JSON.stringify(jsonLine(read.record, read.body))}\n`;
        first = false;
        controller.enqueue(encoder.encode(line));
        return;
      }
    },
  });
}

function harOpening(): string {
  const log = { version: "1.2", creator: { name: "Hookscope", version: "1" }, pages: [] };
  const json = JSON.stringify({ log: { ...log, entries: [] } });
  // Everything up to the entries array's opening bracket; entries and the closing follow.
  return json.slice(0, json.lastIndexOf("[]") + 1);
}

/** One full record, with the body as base64 when it is not stored as text (binary, or over 1 MiB). */
function jsonLine(record: RequestRecord, body: Buffer): RequestRecord & { bodyBase64: string | null } {
  return { ...record, bodyBase64: record.bodyText === null && body.length > 0 ? body.toString("base64") : null };
}

async function readRequest(binId: string, id: string, shared: boolean) {
  let record: RequestRecord;
  let body: Buffer;
  try {
    record = toRecord(await storage().getRequest(binId, id));
    body = record.bodyText !== null ? Buffer.from(record.bodyText, "utf8") : await storage().readBody(id);
  } catch (err) {
    if (err instanceof ApiError && err.code === "request_not_found") return null;
    throw err;
  }
  return { record: shared ? { ...record, url: subPathOf(record.url) } : record, body };
}
