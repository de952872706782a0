import { randomBytes } from "node:crypto";
import { uuidv7 } from "uuidv7";

/** A bin token: 144 random bits from the CSPRNG, 24 url-safe characters. The token is the secret. */
export function newToken(): string {
  return randomBytes(18).toString("base64url");
}

/** Time-ordered ids (UUIDv7 layout): new rows land at the end of the primary-key index. */
export function newId(): string {
  return uuidv7();
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
