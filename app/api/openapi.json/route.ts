import { methodNotAllowed } from "@/lib/api/handle";
import { openApiDocument } from "@/lib/openapi/document";

// GET /api/openapi.json — the API document (OpenAPI 3.1), open in every access mode: it holds the
// API's shapes only, the same for every instance and published with the source, and nothing of
// this instance (no bins, settings or server address).
export const GET = async () => Response.json(openApiDocument());

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
