// @ts-check
// The error of a failed call to a Hookscope server, read from its JSON error answer.

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
