// What DATABASE_URL names: the one place that reads its scheme. lib/env.ts refuses at start-up
// what the server cannot serve yet; lib/storage/index.ts and server.ts open the storage it names.
import path from "node:path";

export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

const POSTGRES = /^postgres(ql)?:\/\//i;

const SQLITE_EXAMPLE = '"file:./data/hookscope.db"';

/** Why the URL cannot be used, or null when it can. Never repeats the URL (it may hold a password). */
export function databaseUrlProblem(url: string): string | null {
  if (/^file:.+/.test(url)) return null;
  if (/^postgres(ql)?:/i.test(url)) {
    return `PostgreSQL is not available yet: this version stores data in SQLite only; use a SQLite URL such as ${SQLITE_EXAMPLE}`;
  }
  return `must be a SQLite URL such as ${SQLITE_EXAMPLE}`;
}

/** The SQLite file of a URL the server can serve (see databaseUrlProblem). */
export function parseDatabaseUrl(url: string): { kind: "sqlite"; file: string } {
  const problem = databaseUrlProblem(url);
  if (problem) throw new Error(`DATABASE_URL: ${problem}`);
  return { kind: "sqlite", file: path.resolve(url.slice("file:".length)) };
}

/**
 * The storage a URL names, PostgreSQL included (which the storage boundary supports, while the
 * server does not serve it yet: lib/env.ts refuses it at start-up).
 */
export function databaseTarget(url: string): DatabaseTarget {
  if (POSTGRES.test(url)) return { kind: "postgres", url };
  return parseDatabaseUrl(url);
}

/** The URL with the password of its user info replaced, fit for a log line. */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
}
