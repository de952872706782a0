import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { type SigningSecretParams, signingSecretIds } from "@/lib/signatures/params";
import { forgetSigningSecret, saveSigningSecret } from "@/lib/signatures/saved-service";
import { saveSecretInputSchema } from "@/lib/signatures/schema";

// PUT /api/bins/{key}/signing-secrets/{scheme} — save the secret (and options) the signature check
// uses for this scheme when given none, replacing the one saved before; 200 with the bin's saved
// secrets, masked. The secret is never answered or logged.
export const PUT = apiRoute<SigningSecretParams>(async (request, context) => {
  const { key, scheme } = await signingSecretIds(context);
  const input = await readJson(request, saveSecretInputSchema);
  return Response.json(await saveSigningSecret(key, scheme, input));
});

// DELETE /api/bins/{key}/signing-secrets/{scheme} — forget the scheme's saved secret; 204.
export const DELETE = apiRoute<SigningSecretParams>(async (_request, context) => {
  const { key, scheme } = await signingSecretIds(context);
  await forgetSigningSecret(key, scheme);
  return new Response(null, { status: 204 });
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("PUT, DELETE");
export const POST = methodNotAllowed("PUT, DELETE");
export const PATCH = methodNotAllowed("PUT, DELETE");
