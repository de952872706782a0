"use client";

import type { SavedSecretJson } from "@/lib/signatures/saved";
import type { SaveSecretInput } from "@/lib/signatures/schema";
import type { SchemeId } from "@/lib/signatures/schemes";
import { fetchJson, throwForStatus } from "@/lib/swr/fetcher";
import { useBin } from "@/lib/swr/use-bin";

/**
 * The secret the owner saved with the bin for this scheme (the browser only ever gets its mask),
 * and saving or forgetting it. No bin key (a share link): nothing saved, nothing to save.
 */
export function useSavedSecret(binKey: string | null, scheme: SchemeId) {
  const { data: bin, mutate } = useBin(binKey);
  const saved = bin?.signingSecrets.find((s) => s.scheme === scheme) ?? null;
  const url = `/api/bins/${binKey}/signing-secrets/${scheme}`;
  const keep = (signingSecrets: SavedSecretJson[]) =>
    mutate((current) => current && { ...current, signingSecrets }, { revalidate: false });

  const save = async (input: SaveSecretInput) => {
    const list = await fetchJson<SavedSecretJson[]>(url, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(input),
    });
    await keep(list);
  };

  const forget = async () => {
    await throwForStatus(await fetch(url, { method: "DELETE" }));
    await keep((bin?.signingSecrets ?? []).filter((s) => s.scheme !== scheme));
  };

  return { saved, save, forget };
}
