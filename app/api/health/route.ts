import { apiRoute } from "@/lib/api/handle";
import { checkDatabase } from "@/lib/health";

// GET /api/health — 200 {"ok":true} once the server can capture; 503 when the database is unavailable.
export const GET = apiRoute(async () => {
  await checkDatabase();
  return Response.json({ ok: true });
});
