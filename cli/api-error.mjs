// @ts-check
// The error of a failed call to a Hookscope server, read from its JSON error answer, and what a
// command tells its user about it.
import { visible } from "./terminal.mjs";

/**
 * The `{"error":{"code","message"}}` of an answer, or its first bytes when it is not one (a proxy's page).
 * @param {Response} res
 * @returns {Promise<{ code: string, message: string }>}
 */
export async function errorOf(res) {
  const text = await res.text().catch(() => "");
  try {
    const { error } = JSON.parse(text);
    if (typeof error?.code === "string") return { code: error.code, message: String(error.message ?? "") };
  } catch {}
  return { code: "", message: text.slice(0, 200) };
}

/**
 * What to tell the user when the server refused a call about a bin: a private server and its
 * access key, an unknown bin, or the server's own message (control characters escaped).
 * @param {Response} res
 * @param {{ code: string, message: string }} error
 * @param {string} api
 */
export function refusalMessage(res, error, api) {
  const origin = new URL(api).origin;
  if (res.status === 401) {
    return process.env.HOOKSCOPE_ACCESS_KEY
      ? `${origin} did not accept HOOKSCOPE_ACCESS_KEY: check it is one of the server's ACCESS_KEYS.`
      : `${origin} is private: set HOOKSCOPE_ACCESS_KEY to one of its access keys (in the environment, not on the command line).`;
  }
  if (error.code === "bin_not_found") {
    return `${origin} has no such bin: check the key (a capture URL's token does not open a bin), or the bin was deleted or its key rotated.`;
  }
  return `the server answered ${res.status}: ${visible(error.message || error.code)}`;
}

/**
 * What to tell the user when the server could not be reached at all.
 * @param {string} url
 * @param {unknown} err
 */
export function unreachableMessage(url, err) {
  const e = /** @type {Error & { cause?: { code?: string, message?: string } }} */ (err);
  return `cannot reach ${new URL(url).origin} (${e.cause?.code ?? e.cause?.message ?? e.message}).`;
}
