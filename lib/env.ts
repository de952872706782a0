// Every setting Hookscope reads, parsed and validated in one place. A bad value stops start-up
// with a message naming the variable (see loadEnv); the rest of the code reads `env`.
import { z } from "zod";
import { databaseTarget, databaseUrlProblem, sqliteFileOf, withoutPassword } from "./storage/database-url.ts";

const MiB = 1024 * 1024;
const MIN_ACCESS_KEY_LENGTH = 32;

const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.string().trim().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().int().min(min).max(max));

const nonNegativeNumber = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, "must be a number")
  .transform(Number);

const positiveNumber = nonNegativeNumber.pipe(z.number().positive());

/** A comma-separated list; blanks dropped. */
const list = z.string().transform((v) =>
  v
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

/** An http(s) origin such as https://hooks.example.com; a trailing slash is dropped. */
const baseUrl = (example: string) =>
  z
    .url({ protocol: /^https?$/, message: `must be an http(s) URL such as ${example}` })
    .transform((u) => u.replace(/\/+$/, ""));

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" }))
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((url) => databaseUrlProblem(url) === null, { error: (issue) => databaseUrlProblem(String(issue.input)) })
    .default("file:./data/hookscope.db"),
  PUBLIC_URL: baseUrl("https://hooks.example.com").optional(),
  CAPTURE_URL: baseUrl("https://in.hooks.example.com").optional(),
  ALLOWED_HOSTS: list
    .refine((hosts) => hosts.every((h) => !/[/]|:\/\//.test(h)), {
      message: "host names only, such as hooks.example.com (no scheme or path)",
    })
    .optional(),
  ALLOWED_ORIGINS: list
    .pipe(
      z.array(
        z
          .url({ protocol: /^https?$/, message: "each entry must be an origin such as https://dash.example.com" })
          .transform((u) => new URL(u).origin),
      ),
    )
    .optional(),
  MAX_API_BODY_BYTES: int(1024, 100 * MiB).default(MiB),
  RATE_LIMIT_BIN_CREATION: int(0).default(60),
  BIN_IDLE_DAYS: nonNegativeNumber.default(90),
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
  MAX_BODY_BYTES: int(0, 1024 * MiB).default(10 * MiB),
  REFUSED_BODY_DRAIN_BYTES: int(0).default(32 * MiB),
  MAX_REQUESTS_PER_BIN: int(1).default(1000),
  RETENTION_DAYS: positiveNumber.default(7),
  PRUNE_INTERVAL_MS: int(100).default(60 * 60 * 1000),
  TRUST_PROXY: bool.default(false),
  RESEND_ALLOW_PRIVATE: bool.optional(),
  RESEND_TIMEOUT_MS: int(1).default(10_000),
  RESEND_MAX_RESPONSE_BYTES: int(0, 100 * MiB).default(MiB),
  FORWARD_MAX_ATTEMPTS: int(1, 20).default(5),
  FORWARD_RETRY_BASE_MS: int(1).default(1000),
  FORWARD_QUEUE_MAX: int(1).default(1000),
  FORWARD_QUEUE_PER_BIN: int(1).default(100),
  FORWARD_CONCURRENCY: int(1, 1000).default(8),
  FORWARD_LEASE_MS: int(1000).default(30_000),
  FORWARD_POLL_MS: int(10).default(1000),
  MAX_RESENDS_PER_REQUEST: int(1).default(100),
  /** A bulk replay sends at most this many requests (captures × repeat). */
  REPLAY_MAX_SENDS: int(1).default(500),
  /** The longest pause a bulk replay may ask for between two sends. */
  REPLAY_MAX_PACE_MS: int(0).default(60_000),
  /** The answer bodies a replay's JSON answer (not NDJSON) holds, over all its sends. */
  REPLAY_MAX_ANSWER_BYTES: int(0).default(16 * MiB),
  RATE_LIMIT_PER_IP: int(0).default(0),
  RATE_LIMIT_PER_BIN: int(0).default(0),
  MAX_INFLIGHT_BYTES: int(0).default(128 * MiB),
  MAX_DOWNLOAD_INFLIGHT_BYTES: int(0).default(128 * MiB),
  DOWNLOAD_IDLE_TIMEOUT_MS: int(100).default(30_000),
  MAX_HEADER_BYTES: int(1024, MiB).default(16 * 1024),
  HEADERS_TIMEOUT_MS: int(100).default(20_000),
  REQUEST_TIMEOUT_MS: int(100).default(120_000),
  SHUTDOWN_TIMEOUT_MS: int(0).default(10_000),
  SSE_HEARTBEAT_MS: int(100).default(15_000),
  SSE_MAX_BUFFER_BYTES: int(1024).default(1024 * 1024),
  SSE_MAX_SUBSCRIBERS_PER_BIN: int(1).default(100),
  WAIT_MAX_SECONDS: int(0, 24 * 60 * 60).default(120),
  WAIT_MAX_PER_BIN: int(1).default(100),
  /** The longest a timeout drill (an answer rule) may hold a capture's connection without answering. */
  RULE_TIMEOUT_MAX_SECONDS: int(1, 3600).default(120),
  /** On PostgreSQL: wait before reconnecting the live-event listener after it lost its connection. */
  LIVE_RECONNECT_MS: int(10).default(1000),
  DB_BUSY_TIMEOUT_MS: int(0).default(5000),
  DB_STATEMENT_TIMEOUT_MS: int(0).default(30_000),
  DB_POOL_SIZE: int(1).default(10),
  DB_SYNCHRONOUS: z.enum(["normal", "full"]).default("full"),
  LOG_FORMAT: z.enum(["text", "json"]).default("text"),
  SEARCH_SCAN_MAX_BYTES: int(1).default(4 * MiB),
  /** Requests in one HAR or JSON lines export (the newest of a bigger selection). */
  EXPORT_MAX_REQUESTS: int(1).default(1000),
  /** A HAR file to import is read no further than this (413 past it). */
  IMPORT_MAX_BYTES: int(1024, 1024 * MiB).default(50 * MiB),
  /** A delivery timeline lists at most this many of an event's deliveries (the oldest), and their total. */
  TIMELINE_MAX_DELIVERIES: int(1, 10_000).default(100),
  /** Comparing two requests: bodies larger than this (per side) are compared by size and SHA-256 only. */
  DIFF_MAX_BYTES: int(0, 100 * MiB).default(MiB),
  /** Comparing two requests: JSON changes listed, and changed lines a text diff looks for before giving up. */
  DIFF_MAX_CHANGES: int(1, 100_000).default(500),
  /** Comparing two requests: JSON bodies with more values than this (per side) are compared line by line. */
  DIFF_MAX_JSON_VALUES: int(1, 10_000_000).default(20_000),
  ACCESS_MODE: z.enum(["open", "restricted", "private"]).default("open"),
  ACCESS_KEYS: list
    .refine((keys) => keys.every((k) => k.length >= MIN_ACCESS_KEY_LENGTH), {
      message: `each key must be at least ${MIN_ACCESS_KEY_LENGTH} characters (openssl rand -hex 24 makes one)`,
    })
    .optional(),
  SESSION_TTL_HOURS: positiveNumber.default(7 * 24),
  RATE_LIMIT_SIGNIN: int(1).default(10),
});

export type Env = z.infer<typeof schema> & {
  /** Absolute path of the SQLite database file; null when DATABASE_URL names PostgreSQL. */
  databaseFile: string | null;
  RESEND_ALLOW_PRIVATE: boolean;
};

export class EnvError extends Error {}

/** Settings whose values are secrets: an error names them but never shows the value. */
const SECRET_SETTINGS = new Set(["METRICS_TOKEN", "ACCESS_KEYS"]);

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Parses settings from a plain object (process.env by default). Throws EnvError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const input = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, source[k] === "" ? undefined : source[k]]));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      const value = source[name] ?? "";
      const shown = SECRET_SETTINGS.has(name)
        ? "(hidden)"
        : JSON.stringify(name === "DATABASE_URL" ? withoutPassword(value) : value);
      return `  ${name}=${shown}: ${i.message}`;
    });
    throw new EnvError(`Invalid settings:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.ACCESS_MODE !== "open" && (e.ACCESS_KEYS ?? []).length === 0) {
    throw new EnvError(
      `Invalid settings:\n  ACCESS_MODE=${JSON.stringify(e.ACCESS_MODE)}: needs ACCESS_KEYS, at least one key of ${MIN_ACCESS_KEY_LENGTH}+ characters to sign in with`,
    );
  }
  const captureProblem = e.CAPTURE_URL ? captureUrlProblem(e.CAPTURE_URL, e.PUBLIC_URL) : null;
  if (captureProblem) {
    throw new EnvError(`Invalid settings:\n  CAPTURE_URL=${JSON.stringify(e.CAPTURE_URL)}: ${captureProblem}`);
  }
  return {
    ...e,
    RESEND_ALLOW_PRIVATE: e.RESEND_ALLOW_PRIVATE ?? isLoopbackHost(e.HOST),
    databaseFile: sqliteFileOf(databaseTarget(e.DATABASE_URL)),
  };
}

/** Capture URLs live on an origin of their own: no path, and not the app's host. */
function captureUrlProblem(captureUrl: string, publicUrl: string | undefined): string | null {
  const capture = new URL(captureUrl);
  if (capture.pathname !== "/" || capture.search) return "must be an origin only, such as https://in.hooks.example.com";
  if (publicUrl && new URL(publicUrl).hostname === capture.hostname)
    return "must be on another host name than PUBLIC_URL";
  return null;
}

const globalForEnv = globalThis as unknown as { __hookscopeEnv?: Env };

/** The settings of this process, parsed on first use. */
export function getEnv(): Env {
  globalForEnv.__hookscopeEnv ??= loadEnv();
  return globalForEnv.__hookscopeEnv;
}
