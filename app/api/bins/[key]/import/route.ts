import type { z } from "zod";
import { apiRoute, methodNotAllowed, readJsonValue } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { getEnv } from "@/lib/env";
import { type harImportAnswerSchema, importHar } from "@/lib/har/import";

// POST /api/bins/{key}/import — a HAR file (application/json, up to IMPORT_MAX_BYTES): each entry
// becomes a capture of the bin, all or none; 200 {"imported": n}.
export const POST = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const har = await readJsonValue(request, getEnv().IMPORT_MAX_BYTES, "IMPORT_MAX_BYTES");
  return Response.json({ imported: await importHar(key, har) } satisfies z.infer<typeof harImportAnswerSchema>);
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
