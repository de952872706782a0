// Opaque list cursors. A cursor names the last seq a page returned; the next page continues
// below it. Anything that does not decode to exactly that form is rejected.
import { ApiError } from "../errors.ts";

const PREFIX = "s1.";

export function encodeCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): number {
  const invalid = () =>
    new ApiError(
      "invalid_cursor",
      "The cursor is not one this API returned. Omit it to start from the newest request.",
    );
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^s1\.(\d{1,15})$/.exec(text);
  if (!match || encodeCursor(Number(match[1])) !== cursor) throw invalid();
  return Number(match[1]);
}
