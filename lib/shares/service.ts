// Read-only share links. The owner (the bin's key) creates, lists and revokes them; a share link's
// id then reads the bin's requests, and nothing it answers holds the token, the key or forwardUrl.
import { findBinOpenedBy, openBinOrThrow } from "../bins/opener.ts";
import { getBinOrThrow } from "../bins/service.ts";
import { eventBus } from "../events/bus.ts";
import { newToken } from "../ids.ts";
import type { ListQuery } from "../requests/list-query.ts";
import { getBinRequestOrThrow, listBinRequests } from "../requests/service.ts";
import type { RequestPage, RequestRecord } from "../requests/types.ts";
import { storage } from "../storage/index.ts";
import type { StoredBin, StoredShare } from "../storage/types.ts";
import type { CreateShareInput } from "./schema.ts";
import { subPathOf } from "./sub-path.ts";
import type { SharedBinJson, ShareJson } from "./types.ts";

export function toShareJson(share: StoredShare, baseUrl: string): ShareJson {
  return { id: share.id, name: share.name, url: `${baseUrl}/s/${share.id}`, createdAt: share.createdAt.toISOString() };
}

export function toSharedBinJson(bin: StoredBin): SharedBinJson {
  return {
    name: bin.name,
    createdAt: bin.createdAt.toISOString(),
    lastRequestAt: bin.lastRequestAt?.toISOString() ?? null,
    requestCount: bin.requestCount,
  };
}

export async function createShare(key: string, input: CreateShareInput): Promise<StoredShare> {
  const bin = await getBinOrThrow(key);
  // Drawn apart from the key and the token: a share link tells nothing of either.
  return storage().createShare({ id: newToken(), binId: bin.id, name: input.name ?? null, createdAt: new Date() });
}

export async function listShares(key: string): Promise<StoredShare[]> {
  return storage().listShares((await getBinOrThrow(key)).id);
}

/** Deletes the share link; its open live streams end at once, on every instance, through the bus. */
export async function revokeShare(key: string, id: string): Promise<void> {
  const bin = await getBinOrThrow(key);
  await storage().deleteShare(bin.id, id);
  eventBus().publish(bin.id, { type: "rekeyed" });
}

/** The bin a share link opens. Throws share_not_found. */
export async function getSharedBinOrThrow(id: string): Promise<StoredBin> {
  return openBinOrThrow({ by: "share", id });
}

/** The bin, or null when the share link opens none (pages render their own not-found). */
export async function findSharedBinForPage(id: string): Promise<StoredBin | null> {
  return findBinOpenedBy({ by: "share", id });
}

export async function listSharedRequests(id: string, query: ListQuery): Promise<RequestPage> {
  return listBinRequests((await getSharedBinOrThrow(id)).id, query);
}

/** A full record as a share link shows it: its url without the capture prefix, so without the token. */
export async function getSharedRequestOrThrow(id: string, requestId: string): Promise<RequestRecord> {
  const record = await getBinRequestOrThrow((await getSharedBinOrThrow(id)).id, requestId);
  return { ...record, url: subPathOf(record.url) };
}
