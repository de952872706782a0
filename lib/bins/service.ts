// Bins: create, read, update, rotate, delete. Route handlers call these and shape nothing themselves.
// Everything here opens a bin, so a bin is found by its key; the token only sends (capture).
import { captureBaseUrl } from "../api/base-url.ts";
import { getEnv } from "../env.ts";
import { binNotFound } from "../errors.ts";
import { eventBus } from "../events/bus.ts";
import { stopForwarding } from "../forward/stop.ts";
import { newId, newToken } from "../ids.ts";
import { parseStoredRules, prepareRules, publicRules } from "../rules/stored.ts";
import { parseSavedSecrets, publicSavedSecrets } from "../signatures/saved.ts";
import { storage } from "../storage/index.ts";
import type { BinChanges, BinSecret, StoredBin } from "../storage/types.ts";
import { forgetBin } from "./capture-lookup.ts";
import { binResponseSchema, parseStoredResponse } from "./response.ts";
import type { CreateBinInput, UpdateBinInput } from "./schema.ts";
import type { BinJson } from "./types.ts";

export function toBinJson(bin: StoredBin, baseUrl: string): BinJson {
  return {
    token: bin.token,
    key: bin.key,
    name: bin.name,
    captureUrl: `${captureBaseUrl(baseUrl)}/h/${bin.token}`,
    inspectUrl: `${baseUrl}/b/${bin.key}`,
    createdAt: bin.createdAt.toISOString(),
    lastRequestAt: bin.lastRequestAt?.toISOString() ?? null,
    requestCount: bin.requestCount,
    forwardUrl: bin.forwardUrl,
    response: parseStoredResponse(bin.response),
    rules: publicRules(parseStoredRules(bin.rules)),
    signingSecrets: publicSavedSecrets(parseSavedSecrets(bin.signingSecrets)),
  };
}

export async function createBin(input: CreateBinInput): Promise<StoredBin> {
  const token = newToken();
  forgetBin(token);
  return storage().createBin({
    id: newId(),
    token,
    // Drawn apart from the token: knowing the capture URL tells nothing of the key.
    key: newToken(),
    name: input.name ?? null,
    createdAt: new Date(),
    response: JSON.stringify(input.response ?? binResponseSchema.parse({})),
  });
}

/** Every bin of the instance, most recent activity first; only for a signed-in caller (checked by the route). */
export async function listBins(nameContains: string | undefined, limit: number): Promise<StoredBin[]> {
  return storage().listBins(nameContains || null, limit);
}

export async function getBinOrThrow(key: string): Promise<StoredBin> {
  const bin = await storage().findBinByKey(key);
  if (!bin) throw binNotFound(key);
  return bin;
}

/** The bin, or null when there is none (pages render their own not-found). */
export async function findBinForPage(key: string): Promise<StoredBin | null> {
  return storage().findBinByKey(key);
}

export async function updateBin(key: string, input: UpdateBinInput): Promise<StoredBin> {
  const changes: BinChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.response !== undefined) changes.response = JSON.stringify(input.response);
  if (input.forwardUrl !== undefined) changes.forwardUrl = input.forwardUrl;
  if (input.rules !== undefined) {
    // Rules sent back as read keep their secrets: those are taken from the stored rules of the same id.
    const stored = parseStoredRules((await getBinOrThrow(key)).rules);
    changes.rules = JSON.stringify(prepareRules(input.rules, stored, getEnv().RULE_TIMEOUT_MAX_SECONDS));
  }
  if (Object.keys(changes).length === 0) return getBinOrThrow(key);
  const bin = await storage().updateBin(key, changes);
  forgetBin(bin.token);
  if (input.forwardUrl === null) await stopForwarding(bin.id, "forwardUrl cleared");
  return bin;
}

/**
 * Gives the bin a new key or a new token. The old secret stops working at once: a new key ends the
 * live streams opened with the old one (on every instance, through the bus); a new token makes
 * every instance's capture writer refuse captures looked up by the old one.
 */
export async function rotateBinSecret(key: string, secret: BinSecret): Promise<StoredBin> {
  const before = await getBinOrThrow(key);
  const bin = await storage().rotateBinSecret(key, secret, newToken());
  if (secret === "token") forgetBin(before.token);
  else eventBus().publish(bin.id, { type: "rekeyed" });
  return bin;
}

export async function deleteBin(key: string): Promise<void> {
  const bin = await storage().findBinByKey(key);
  // The bin's outbox entries would go with it; dropping them first says how many there were.
  if (bin) await stopForwarding(bin.id, "bin deleted");
  try {
    await storage().deleteBin(key);
  } finally {
    if (bin) forgetBin(bin.token);
  }
  // Its open live streams find that their key no longer opens a bin, and end (on every instance).
  if (bin) eventBus().publish(bin.id, { type: "rekeyed" });
}
