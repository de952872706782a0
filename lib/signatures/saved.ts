// Signing secrets a bin's owner chose to save for the signature check, at most one per scheme: as
// the bin stores them (JSON in its `signingSecrets` column) and as the API shows them, masked.
import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";
import { maskSecret } from "../mask-secret.ts";
import { type SaveSecretInput, saveSecretInputSchema, schemeIdSchema } from "./schema.ts";
import { SCHEME_IDS, type SchemeId } from "./schemes.ts";

const savedSecretSchema = saveSecretInputSchema.extend({ scheme: schemeIdSchema });

export type SavedSecret = z.infer<typeof savedSecretSchema>;

/** A saved secret as the bin JSON shows it: the secret only masked. */
export interface SavedSecretJson {
  scheme: SchemeId;
  maskedSecret: string;
  options?: SaveSecretInput["options"];
}

export const savedSecretJsonSchema = z.strictObject({
  scheme: schemeIdSchema,
  maskedSecret: z.string(),
  options: saveSecretInputSchema.shape.options,
});

export type SavedSecretJsonMatchesSchema = Holds<SameShape<SavedSecretJson, z.infer<typeof savedSecretJsonSchema>>>;

/** Parses a stored column; anything unreadable counts as nothing saved (the panel then asks for the secret). */
export function parseSavedSecrets(json: string): SavedSecret[] {
  try {
    const parsed = z.array(savedSecretSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function publicSavedSecrets(saved: readonly SavedSecret[]): SavedSecretJson[] {
  return saved.map(({ scheme, secret, options }) => ({
    scheme,
    maskedSecret: maskSecret(secret),
    ...(options ? { options } : {}),
  }));
}

/** The saved secrets with this scheme's replaced (or added), in the order the schemes are listed. */
export function withSavedSecret(saved: readonly SavedSecret[], entry: SavedSecret): SavedSecret[] {
  const others = saved.filter((s) => s.scheme !== entry.scheme);
  return [...others, entry].sort((a, b) => SCHEME_IDS.indexOf(a.scheme) - SCHEME_IDS.indexOf(b.scheme));
}

export function withoutSavedSecret(saved: readonly SavedSecret[], scheme: SchemeId): SavedSecret[] {
  return saved.filter((s) => s.scheme !== scheme);
}
