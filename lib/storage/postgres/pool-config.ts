// How every PostgreSQL connection of Hookscope is opened (Prisma's adapter, the capture writer,
// migrations). Sessions run in UTC: Prisma's adapter sends times without an offset and reads
// timestamptz by replacing the offset with +00:00, so any other session time zone would shift
// every stored time.
import type { PoolConfig } from "pg";

export function poolConfig(url: string, extra: PoolConfig = {}): PoolConfig {
  return { connectionString: url, options: "-c TimeZone=UTC", ...extra };
}
