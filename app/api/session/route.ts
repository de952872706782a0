import type { z } from "zod";
import { signedIn } from "@/lib/access/caller";
import { accessConfig } from "@/lib/access/config";
import { type sessionStateSchema, signInSchema } from "@/lib/access/schema";
import { signIn, signOut } from "@/lib/access/signin";
import { clientAddress } from "@/lib/api/client-address";
import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";

// GET /api/session — whether the caller is signed in, and the instance's access mode.
export const GET = apiRoute(async (request) =>
  Response.json({
    signedIn: signedIn(request.headers),
    mode: accessConfig().mode,
  } satisfies z.infer<typeof sessionStateSchema>),
);

// POST /api/session {"key"} — signs in with an access key: 204 with the session cookie; 401 for a
// wrong key; 429 past RATE_LIMIT_SIGNIN failures a minute from one address.
export const POST = apiRoute(async (request) => {
  const { key } = await readJson(request, signInSchema);
  const cookie = signIn(key, clientAddress(request));
  return new Response(null, { status: 204, headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" } });
});

// DELETE /api/session — signs out: 204, the cookie cleared.
export const DELETE = apiRoute(async () => new Response(null, { status: 204, headers: { "Set-Cookie": signOut() } }));

export const PUT = methodNotAllowed("GET, POST, DELETE");
export const PATCH = methodNotAllowed("GET, POST, DELETE");
