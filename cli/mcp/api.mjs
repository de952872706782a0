// @ts-check
// The Hookscope HTTP API as the MCP tools call it. Every call goes to the one configured server,
// with HOOKSCOPE_ACCESS_KEY when set; a refusal becomes an ApiFailed carrying the API's message,
// which the MCP server hands back to the agent as a tool error.
import { accessHeader } from "../access.mjs";
import { errorOf } from "../api-error.mjs";

/** The server refused the call or could not be reached. */
export class ApiFailed extends Error {}

/**
 * @typedef {{
 *   get: (path: string) => Promise<unknown>,
 *   post: (path: string, body: unknown) => Promise<unknown>,
 *   bytes: (path: string, limit: number) => Promise<Uint8Array>,
 *   server: string,
 * }} Api
 */

/**
 * @param {string} server the server's base URL, without a trailing slash
 * @returns {Api}
 */
export function createApi(server) {
  const origin = new URL(server).origin;

  /**
   * @param {string} path
   * @param {RequestInit} [init]
   */
  const call = async (path, init = {}) => {
    let res;
    try {
      res = await fetch(`${server}${path}`, { ...init, headers: { ...init.headers, ...accessHeader() } });
    } catch (err) {
      const e = /** @type {Error & { cause?: { code?: string, message?: string } }} */ (err);
      throw new ApiFailed(`Cannot reach ${origin} (${e.cause?.code ?? e.cause?.message ?? e.message}).`);
    }
    if (res.ok) return res;
    const error = await errorOf(res);
    if (res.status === 401) {
      throw new ApiFailed(
        process.env.HOOKSCOPE_ACCESS_KEY
          ? `${origin} did not accept HOOKSCOPE_ACCESS_KEY: check it is one of the server's ACCESS_KEYS.`
          : `${origin} is private: set HOOKSCOPE_ACCESS_KEY to one of its access keys in this MCP server's environment.`,
      );
    }
    throw new ApiFailed(error.message || `${origin} answered ${res.status}${error.code ? ` (${error.code})` : ""}.`);
  };

  return {
    server,
    get: async (path) => (await call(path)).json(),
    post: async (path, body) =>
      (
        await call(path, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json(),
    bytes: async (path, limit) => readAtMost(await call(path), limit),
  };
}

/**
 * The first `limit` bytes of an answer (or all of it when shorter); the rest is never downloaded.
 * @param {Response} res
 * @param {number} limit
 */
async function readAtMost(res, limit) {
  /** @type {Uint8Array[]} */
  const chunks = [];
  let size = 0;
  const reader = /** @type {ReadableStream<Uint8Array>} */ (res.body).getReader();
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, limit);
}
