import type { z } from "zod";
import { apiRoute, methodNotAllowed } from "@/lib/api/handle";
import { checkDatabase, type healthSchema } from "@/lib/health";

// GET /api/health — 200 {"ok":true} once the server can capture; 503 when the database is unavailable.
export const GET = apiRoute(async () => {
  await checkDatabase();
  return Response.json({ ok: true } satisfies z.infer<typeof healthSchema>);
});

// Other methods: a JSON 405.
export const POST = methodNotAllowed("GET");
export const PUT = methodNotAllowed("GET");
export const PATCH = methodNotAllowed("GET");
export const DELETE = methodNotAllowed("GET");
