import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { checkDatabase } from "@/lib/health";

// GET /api/health — 200 {"ok":true} once the server can capture; 503 when the database is unavailable.
export const GET = apiRoute(async () => {
  await checkDatabase();
  return Response.json({ ok: true });
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
