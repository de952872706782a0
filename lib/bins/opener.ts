// What opens a bin for reading: its key, or the id of one of its share links. The live stream and
// body downloads take either; they check it again whenever the bus says a secret changed.
import { binNotFound, shareNotFound } from "../errors.ts";
import { TOKEN_PATTERN } from "../ids.ts";
import { storage } from "../storage/index.ts";
import type { StoredBin } from "../storage/types.ts";

export type BinOpener = { by: "key"; key: string } | { by: "share"; id: string };

/** The bin this opener opens now, or null (an unknown, rotated or revoked secret). */
export async function findBinOpenedBy(opener: BinOpener): Promise<StoredBin | null> {
  const secret = opener.by === "key" ? opener.key : opener.id;
  if (!TOKEN_PATTERN.test(secret)) return null;
  return opener.by === "key" ? storage().findBinByKey(secret) : storage().findBinByShare(secret);
}

/** The not-found error of this opener: bin_not_found for a key, share_not_found for a share link. */
export function openerNotFound(opener: BinOpener) {
  return opener.by === "key" ? binNotFound(opener.key.slice(0, 80)) : shareNotFound(opener.id.slice(0, 80));
}

/** The bin this opener opens. Throws bin_not_found or share_not_found. */
export async function openBinOrThrow(opener: BinOpener): Promise<StoredBin> {
  const bin = await findBinOpenedBy(opener);
  if (!bin) throw openerNotFound(opener);
  return bin;
}
