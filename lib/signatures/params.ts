// Path parameters of /api/bins/{key}/signing-secrets/{scheme}, checked before they reach the database.
import { ApiError, binNotFound } from "../errors.ts";
import { TOKEN_PATTERN } from "../ids.ts";
import { SCHEME_IDS, type SchemeId } from "./schemes.ts";

export interface SigningSecretParams {
  params: Promise<{ key: string; scheme: string }>;
}

export async function signingSecretIds(context: SigningSecretParams): Promise<{ key: string; scheme: SchemeId }> {
  const { key, scheme } = await context.params;
  if (!TOKEN_PATTERN.test(key)) throw binNotFound(key.slice(0, 80));
  const known = SCHEME_IDS.find((id) => id === scheme);
  if (!known) {
    throw new ApiError("not_found", `No signature scheme "${scheme.slice(0, 40)}"; one of: ${SCHEME_IDS.join(", ")}.`);
  }
  return { key, scheme: known };
}
