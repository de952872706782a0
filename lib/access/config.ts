// The access settings as the rest of the code needs them, parsed once per process.
import { getEnv } from "../env.ts";
import type { AccessMode } from "./policy.ts";
import { sessionSecret } from "./session.ts";

export interface AccessConfig {
  mode: AccessMode;
  keys: readonly string[];
  /** Signs session cookies (lib/access/session.ts). */
  secret: Buffer;
  sessionTtlMs: number;
  /** Whether the session cookie is marked Secure: the app is served over https (PUBLIC_URL). */
  secureCookie: boolean;
}

const globalForAccess = globalThis as unknown as { __hookscopeAccess?: AccessConfig };

export function accessConfig(): AccessConfig {
  if (!globalForAccess.__hookscopeAccess) {
    const env = getEnv();
    const keys = env.ACCESS_KEYS ?? [];
    globalForAccess.__hookscopeAccess = {
      mode: env.ACCESS_MODE,
      keys,
      secret: sessionSecret(keys),
      sessionTtlMs: env.SESSION_TTL_HOURS * 60 * 60 * 1000,
      secureCookie: env.PUBLIC_URL?.startsWith("https:") ?? false,
    };
  }
  return globalForAccess.__hookscopeAccess;
}
