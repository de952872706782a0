// @ts-check
// A tool's successful answer: the structured result, and the same as JSON text for clients that
// read only text content (as the MCP specification recommends).

/**
 * @param {Record<string, unknown>} structured
 */
export function toolResult(structured) {
  return {
    content: [{ type: /** @type {const} */ ("text"), text: JSON.stringify(structured) }],
    structuredContent: structured,
  };
}
