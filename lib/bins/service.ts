// Bins: create, read, update, delete. Route handlers call these and shape nothing themselves.
import { captureBaseUrl } from "../api/base-url.ts";
import { binNotFound } from "../errors.ts";
import { stopForwarding } from "../forward/stop.ts";
import { newId, newToken } from "../ids.ts";
import { storage } from "../storage/index.ts";
import type { BinChanges, StoredBin } from "../storage/types.ts";
import { forgetBin } from "./capture-lookup.ts";
import { binResponseSchema, parseStoredResponse } from "./response.ts";
import type { CreateBinInput, UpdateBinInput } from "./schema.ts";
import type { BinJson } from "./types.ts";

export function toBinJson(bin: StoredBin, baseUrl: string): BinJson {
  return {
    token: bin.token,
    name: bin.name,
    captureUrl: `${captureBaseUrl(baseUrl)}/h/${bin.token}`,
    inspectUrl: `${baseUrl}/b/${bin.token}`,
    createdAt: bin.createdAt.toISOString(),
    lastRequestAt: bin.lastRequestAt?.toISOString() ?? null,
    requestCount: bin.requestCount,
    forwardUrl: bin.forwardUrl,
    response: parseStoredResponse(bin.response),
  };
}

export async function createBin(input: CreateBinInput): Promise<StoredBin> {
  const token = newToken();
  forgetBin(token);
  return storage().createBin({
    id: newId(),
    token,
    name: input.name ?? null,
    createdAt: new Date(),
    response: JSON.stringify(input.response ?? binResponseSchema.parse({})),
  });
}

export async function getBinOrThrow(token: string): Promise<StoredBin> {
  const bin = await storage().findBin(token);
  if (!bin) throw binNotFound(token);
  return bin;
}

/** The bin, or null when there is none (pages render their own not-found). */
export async function findBinForPage(token: string): Promise<StoredBin | null> {
  return storage().findBin(token);
}

export async function updateBin(token: string, input: UpdateBinInput): Promise<StoredBin> {
  const changes: BinChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.response !== undefined) changes.response = JSON.stringify(input.response);
  if (input.forwardUrl !== undefined) changes.forwardUrl = input.forwardUrl;
  if (Object.keys(changes).length === 0) return getBinOrThrow(token);
  let bin: StoredBin;
  try {
    bin = await storage().updateBin(token, changes);
  } finally {
    forgetBin(token);
  }
  if (input.forwardUrl === null) await stopForwarding(bin.id, "forwardUrl cleared");
  return bin;
}

export async function deleteBin(token: string): Promise<void> {
  const bin = await storage().findBin(token);
  // The bin's outbox entries would go with it; dropping them first says how many there were.
  if (bin) await stopForwarding(bin.id, "bin deleted");
  try {
    await storage().deleteBin(token);
  } finally {
    forgetBin(token);
  }
}
