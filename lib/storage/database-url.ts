// What DATABASE_URL names: the one place that reads its scheme. lib/env.ts refuses at start-up
// what this cannot open; lib/storage/index.ts and server.ts open the storage it names.
import path from "node:path";

export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

const POSTGRES = /^postgres(ql)?:\/\//i;

const SQLITE_EXAMPLE = '"file:./data/hookscope.db"';
const POSTGRES_EXAMPLE = '"postgres://user:password@host:5432/hookscope"';

/** Why the URL cannot be used, or null when it can. Never repeats the URL (it may hold a password). */
export function databaseUrlProblem(url: string): string | null {
  if (/^file:.+/.test(url)) return null;
  if (POSTGRES.test(url)) return null;
  return `must be a SQLite URL such as ${SQLITE_EXAMPLE} or a PostgreSQL URL such as ${POSTGRES_EXAMPLE}`;
}

/** The storage a URL names. */
export function databaseTarget(url: string): DatabaseTarget {
  const problem = databaseUrlProblem(url);
  if (problem) throw new Error(`DATABASE_URL: ${problem}`);
  if (POSTGRES.test(url)) return { kind: "postgres", url };
  return { kind: "sqlite", file: path.resolve(url.slice("file:".length)) };
}

export const sqliteFileOf = (target: DatabaseTarget): string | null => (target.kind === "sqlite" ? target.file : null);

/** The URL with the password of its user info replaced, fit for a log line. */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
}
