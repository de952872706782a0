// @ts-check
// The Authorization header of every call the command line makes to a Hookscope server.

/**
 * A private server's access key, from the environment only: a flag would land in shell history.
 * @returns {Record<string, string>}
 */
export function accessHeader() {
  const key = process.env.HOOKSCOPE_ACCESS_KEY?.trim();
  return key ? { Authorization: `Bearer ${key}` } : {};
}
