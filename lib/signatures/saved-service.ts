// Saving and forgetting a bin's signing secrets. A saved secret is what the panel and the verify
// API use when they are given none; answers only ever show it masked.
import { getBinOrThrow } from "../bins/service.ts";
import { ApiError } from "../errors.ts";
import { storage } from "../storage/index.ts";
import type { StoredBin } from "../storage/types.ts";
import {
  parseSavedSecrets,
  publicSavedSecrets,
  type SavedSecret,
  type SavedSecretJson,
  withoutSavedSecret,
  withSavedSecret,
} from "./saved.ts";
import { GENERIC_NEEDS_OPTIONS, type SaveSecretInput } from "./schema.ts";
import type { SchemeId } from "./schemes.ts";

/** Saves the secret for this scheme, replacing the one saved before; returns the bin's saved secrets, masked. */
export async function saveSigningSecret(
  key: string,
  scheme: SchemeId,
  input: SaveSecretInput,
): Promise<SavedSecretJson[]> {
  if (scheme === "generic-hmac" && !input.options?.generic) {
    throw new ApiError("validation_failed", `Invalid request body: options.generic: ${GENERIC_NEEDS_OPTIONS}`);
  }
  const entry: SavedSecret = { scheme, secret: input.secret, ...(input.options ? { options: input.options } : {}) };
  const bin = await changeSavedSecrets(key, (saved) => withSavedSecret(saved, entry));
  return publicSavedSecrets(parseSavedSecrets(bin.signingSecrets));
}

/** Forgets the secret saved for this scheme; nothing to forget is not an error. */
export async function forgetSigningSecret(key: string, scheme: SchemeId): Promise<void> {
  await changeSavedSecrets(key, (saved) => withoutSavedSecret(saved, scheme));
}

/**
 * Read, change, swap if unchanged meanwhile, else again: two owners saving secrets of two schemes
 * at once both keep theirs. A swap fails only because another one succeeded, so the loop ends.
 */
async function changeSavedSecrets(key: string, change: (saved: SavedSecret[]) => SavedSecret[]): Promise<StoredBin> {
  for (;;) {
    const before = (await getBinOrThrow(key)).signingSecrets;
    const next = JSON.stringify(change(parseSavedSecrets(before)));
    const bin = await storage().swapSigningSecrets(key, before, next);
    if (bin) return bin;
  }
}

/** The secret saved with the bin for this scheme. Throws signing_secret_not_saved. */
export function savedSecretOrThrow(signingSecrets: string, scheme: SchemeId): SavedSecret {
  const saved = parseSavedSecrets(signingSecrets).find((s) => s.scheme === scheme);
  if (!saved) {
    throw new ApiError(
      "signing_secret_not_saved",
      `No ${scheme} secret is saved with this bin: send "secret", or save one with PUT /api/bins/{key}/signing-secrets/${scheme}.`,
    );
  }
  return saved;
}
