// Path parameters of the share-link routes, checked before they reach the database.
import { binNotFound, requestNotFound, shareNotFound } from "../errors.ts";
import { ID_PATTERN, TOKEN_PATTERN } from "../ids.ts";

export interface ShareParams {
  params: Promise<{ id: string }>;
}

export interface SharedRequestParams {
  params: Promise<{ id: string; requestId: string }>;
}

export interface BinShareParams {
  params: Promise<{ key: string; id: string }>;
}

const checkShare = (id: string) => {
  if (!TOKEN_PATTERN.test(id)) throw shareNotFound(id.slice(0, 80));
  return id;
};

/** The share link's id of /api/shares/{id}/... */
export async function shareId(context: ShareParams): Promise<string> {
  return checkShare((await context.params).id);
}

/** The share link's id and the request's id of /api/shares/{id}/requests/{requestId}. */
export async function sharedRequestIds(context: SharedRequestParams): Promise<{ id: string; requestId: string }> {
  const { id, requestId } = await context.params;
  checkShare(id);
  if (!ID_PATTERN.test(requestId)) throw requestNotFound(requestId.slice(0, 80));
  return { id, requestId };
}

/** The bin's key and the share link's id of /api/bins/{key}/shares/{id}. */
export async function binShareIds(context: BinShareParams): Promise<{ key: string; id: string }> {
  const { key, id } = await context.params;
  if (!TOKEN_PATTERN.test(key)) throw binNotFound(key.slice(0, 80));
  return { key, id: checkShare(id) };
}
