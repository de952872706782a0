// The server's log: one line per event on stdout (info) or stderr (errors), as "[hookscope] ..."
// text, or with LOG_FORMAT=json as one JSON object per line for log collectors. Messages never
// carry bin tokens or other secrets.
import { format, stripVTControlCharacters } from "node:util";
import { getEnv } from "./env.ts";

type Level = "info" | "warn" | "error";

function jsonFormat(): boolean {
  try {
    return getEnv().LOG_FORMAT === "json";
  } catch {
    // Settings that do not parse are reported by start-up itself, in text.
    return false;
  }
}

function errorFields(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return err.stack ? { message: err.message, stack: err.stack } : { message: err.message };
  return { message: String(err) };
}

function writeJson(level: Level, message: string, err?: unknown): void {
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, msg: message };
  if (err !== undefined) line.error = errorFields(err);
  (level === "info" ? process.stdout : process.stderr).write(`${JSON.stringify(line)}\n`);
}

function write(level: Level, message: string, err?: unknown): void {
  const stream = level === "error" ? process.stderr : process.stdout;
  if (jsonFormat()) {
    writeJson(level, message, err);
  } else if (err === undefined) {
    stream.write(`[hookscope] ${message}\n`);
  } else {
    console.error(`[hookscope] ${message}:`, err);
  }
}

export const log = {
  info: (message: string): void => write("info", message),
  /** An error, with the thrown value when there is one (its stack is kept). */
  error: (message: string, err?: unknown): void => write("error", message, err),
};

/**
 * With LOG_FORMAT=json, what other code prints through the console (Next.js's own start-up and
 * error lines) becomes JSON lines too, so that every line of the log parses.
 */
export function routeConsoleToJson(): void {
  const levels: [keyof Console & ("log" | "info" | "warn" | "error" | "debug"), Level][] = [
    ["log", "info"],
    ["info", "info"],
    ["debug", "info"],
    ["warn", "warn"],
    ["error", "error"],
  ];
  for (const [method, level] of levels) {
    console[method] = (...args: unknown[]) => {
      const error = args.find((arg) => arg instanceof Error);
      writeJson(level, stripVTControlCharacters(format(...args)).trim(), error);
    };
  }
}
