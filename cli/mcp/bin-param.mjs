// @ts-check
// The `bin` argument every tool but create_bin takes: the bin's key or its inspect URL. Only the
// key is taken from a URL; calls always go to the configured server, so a URL naming another
// host (a captured body can tell an agent anything) never receives the access key.
import { z } from "zod";
import { binAddress, UsageError } from "../args.mjs";
import { ApiFailed } from "./api.mjs";

export const binParam = z
  .string()
  .min(1)
  .max(2048)
  .describe(
    "The bin: its key, or its inspect URL (http://host/b/KEY) as create_bin returns it. Not the capture URL: that only sends to the bin.",
  );

/**
 * The bin's key (url-safe characters only, checked by binAddress).
 * @param {string} bin
 */
export function binKey(bin) {
  try {
    return binAddress(bin.trim()).key;
  } catch (err) {
    if (err instanceof UsageError) throw new ApiFailed(err.message);
    throw err;
  }
}
