// @ts-check
// The settings of `hookscope mcp` that come from its environment, checked once at start.
import { UsageError } from "../args.mjs";

/** The most body bytes a tool returns unless a call asks for more (HOOKSCOPE_MCP_MAX_BODY_BYTES). */
export const DEFAULT_MAX_BODY_BYTES = 65_536;
/** The most a call may ask for: a MiB of base64 is hundreds of thousands of tokens. */
export const MAX_BODY_BYTES_CEILING = 1_048_576;

/** @returns {{ maxBodyBytes: number }} */
export function mcpSettings() {
  const raw = process.env.HOOKSCOPE_MCP_MAX_BODY_BYTES?.trim();
  if (!raw) return { maxBodyBytes: DEFAULT_MAX_BODY_BYTES };
  const value = Number(raw);
  if (!/^\d{1,7}$/.test(raw) || value < 1 || value > MAX_BODY_BYTES_CEILING) {
    throw new UsageError(
      `HOOKSCOPE_MCP_MAX_BODY_BYTES must be a whole number of bytes from 1 to ${MAX_BODY_BYTES_CEILING}; got "${raw.slice(0, 40)}".`,
    );
  }
  return { maxBodyBytes: value };
}
