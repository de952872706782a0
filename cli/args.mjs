// @ts-check
// Command-line arguments of `hookscope`, checked up front so that mistakes get a clear message.
import { parseArgs as parseNodeArgs } from "node:util";

export const USAGE = `Usage: hookscope forward <inspect URL or key> --to <url> [--server <url>]
       hookscope wait <inspect URL or key> [--method M] [--path P] [--q TEXT] [--redelivered]
                      [--after SEQ] [--timeout SECONDS] [--json] [--server <url>]
       hookscope replay <inspect URL or key> --to <url> [--ids ID,ID...] [--method M] [--q TEXT]
                        [--redelivered] [--repeat N] [--pace-ms MS] [--json] [--server <url>]
       hookscope mcp [--server <url>]

forward  Sends every new capture of a Hookscope bin to <url> (for example a server on localhost),
         with the same method, headers and body bytes, one at a time in capture order. Stop with Ctrl-C.
wait     Waits for the first capture that matches every filter given, prints it and exits 0;
         exits 1 when none arrives in time.
replay   Has the server resend the bin's captures (the --ids given, else every capture that passes
         --method and --q) to <url>, oldest first, prints one line per send and exits 0 when every
         send got an answer, 1 when any did not. The server sends: <url> must be reachable from it.
mcp      Serves the Model Context Protocol on stdin/stdout, so that a coding agent can create bins,
         read, wait for and resend captures, and check signatures on the server.

  <inspect URL or key>  the bin's inspect URL (http://host/b/KEY), which also names the server, or
                        its bare key; a capture URL only sends to a bin and cannot read it
  --to <url>            forward, replay: where to send each capture; used exactly as given
  --ids <id,id...>      replay: these captures (ids as the inspector and the API show them)
  --method <M>          wait, replay: only this HTTP method (or a comma-separated list)
  --path <P>            wait: only this sub-path (after /h/TOKEN), a glob: * within a segment,
                        ** across segments, e.g. /github/**
  --q <text>            wait, replay: only captures containing this text (path, query, header
                        values, body)
  --redelivered         wait, replay: only redeliveries, captures whose event the bin had
                        already received (attempt above 1)
  --after <seq>         wait: only captures after this seq (default: the newest when wait starts)
  --timeout <seconds>   wait: give up after this long (default 30)
  --repeat <n>          replay: send the whole sequence n times (default 1)
  --pace-ms <ms>        replay: wait this long between two sends (default 0)
  --json                wait: print the full captured record as JSON instead of a summary line;
                        replay: print each send as a line of JSON, then the totals
  --server <url>        the Hookscope server for a bare key (default http://127.0.0.1:3000);
                        mcp: the server it talks to (default $HOOKSCOPE_SERVER, else
                        http://127.0.0.1:3000)
  -h, --help            show this help

On a private server (ACCESS_MODE=private), set HOOKSCOPE_ACCESS_KEY to one of its access keys.`;

const DEFAULT_SERVER = "http://127.0.0.1:3000";
const DEFAULT_WAIT_SECONDS = 30;
const KEY = /^[A-Za-z0-9_-]{20,64}$/;
const INSPECT_PATH = /^(.*?)\/b\/([A-Za-z0-9_-]{20,64})\/?$/;
const CAPTURE_PATH = /\/h\/[A-Za-z0-9_-]{20,64}(?:\/.*)?$/;
const VALUE_OPTIONS = new Set([
  "--to",
  "--server",
  "--method",
  "--path",
  "--q",
  "--after",
  "--timeout",
  "--ids",
  "--repeat",
  "--pace-ms",
]);
/** The options each command takes (--server and --help go with every one). */
const COMMAND_OPTIONS = {
  forward: ["to"],
  wait: ["method", "path", "q", "redelivered", "after", "timeout", "json"],
  replay: ["to", "ids", "method", "q", "redelivered", "repeat", "pace-ms", "json"],
};
const METHODS = /^[A-Za-z][A-Za-z-]{0,31}(,[A-Za-z][A-Za-z-]{0,31})*$/;

export class UsageError extends Error {}

/**
 * @typedef {{ method: string | null, path: string | null, q: string | null, redelivered: boolean,
 *   after: number | null, timeoutSeconds: number, json: boolean }} WaitFilters
 * @typedef {{ to: string, ids: string[] | null, method: string | null, q: string | null, redelivered: boolean,
 *   repeat: number, paceMs: number, json: boolean }} ReplayOptions
 * @typedef {{ help: true }
 *   | { help: false, command: "forward", server: string, key: string, to: string }
 *   | { help: false, command: "wait", server: string, key: string, wait: WaitFilters }
 *   | { help: false, command: "replay", server: string, key: string, replay: ReplayOptions }
 *   | { help: false, command: "mcp", server: string }} Parsed
 */

/**
 * @param {string[]} argv the arguments after the program name
 * @returns {Parsed}
 */
export function parseArgs(argv) {
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: keysAsPositionals(argv),
      allowPositionals: true,
      options: {
        to: { type: "string" },
        server: { type: "string" },
        method: { type: "string" },
        path: { type: "string" },
        q: { type: "string" },
        after: { type: "string" },
        timeout: { type: "string" },
        json: { type: "boolean" },
        redelivered: { type: "boolean" },
        ids: { type: "string" },
        repeat: { type: "string" },
        "pace-ms": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError(/** @type {Error} */ (err).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return { help: true };
  const [command, bin, ...extra] = positionals;
  if (command === undefined) throw new UsageError("Missing command: forward, wait, replay or mcp.");
  if (command === "mcp") return mcpOptions(values, positionals.slice(1));
  if (command !== "forward" && command !== "wait" && command !== "replay") {
    throw new UsageError(`Unknown command "${command}"; the commands are forward, wait, replay and mcp.`);
  }
  if (bin === undefined) throw new UsageError("Missing the bin: give its inspect URL or key.");
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  const taken = /** @type {readonly string[]} */ (COMMAND_OPTIONS[command]);
  const misplaced = Object.keys(values).find((name) => name !== "server" && name !== "help" && !taken.includes(name));
  if (misplaced) {
    const owners = Object.entries(COMMAND_OPTIONS).filter(([, names]) => names.includes(misplaced));
    throw new UsageError(`--${misplaced} belongs to ${owners.map(([c]) => c).join(" and ")}, not ${command}.`);
  }
  const explicitServer = values.server === undefined ? undefined : httpUrl(values.server, "--server");
  const address = binAddress(bin);
  const server = (explicitServer ?? address.server ?? DEFAULT_SERVER).replace(/\/+$/, "");
  if (command === "wait") return { help: false, command, server, key: address.key, wait: waitFilters(values) };
  if (values.to === undefined) throw new UsageError("Missing --to <url>: where to send the captures.");
  const to = httpUrl(values.to, "--to");
  if (command === "replay")
    return { help: false, command, server, key: address.key, replay: replayOptions(to, values) };
  return { help: false, command, server, key: address.key, to };
}

/**
 * `mcp` serves tools for any bin of one server, so it takes no bin; its server may also come from
 * HOOKSCOPE_SERVER, which suits an agent's configuration where the environment is set per server.
 * @param {Record<string, string | boolean | undefined>} values
 * @param {string[]} extra
 * @returns {Parsed}
 */
function mcpOptions(values, extra) {
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}": mcp takes no bin.`);
  const misplaced = Object.keys(values).find((name) => name !== "server" && name !== "help");
  if (misplaced) throw new UsageError(`--${misplaced} does not apply to mcp.`);
  const fromEnv = process.env.HOOKSCOPE_SERVER?.trim();
  const server =
    typeof values.server === "string"
      ? httpUrl(values.server, "--server")
      : fromEnv
        ? httpUrl(fromEnv, "HOOKSCOPE_SERVER")
        : DEFAULT_SERVER;
  return { help: false, command: "mcp", server: server.replace(/\/+$/, "") };
}

/**
 * A bare key may begin with "-", which would read as an option: any argument shaped like a key that
 * is not an option's value is moved after "--", where only positionals go (no option is that long).
 * @param {string[]} argv
 */
function keysAsPositionals(argv) {
  /** @type {string[]} */
  const options = [];
  /** @type {string[]} */
  const keys = [];
  argv.forEach((arg, i) => {
    const previous = argv[i - 1];
    const isValue = previous !== undefined && VALUE_OPTIONS.has(previous);
    if (arg.startsWith("-") && KEY.test(arg) && !isValue) keys.push(arg);
    else options.push(arg);
  });
  if (keys.length === 0) return argv;
  const end = options.indexOf("--");
  return end === -1 ? [...options, "--", ...keys] : [...options.slice(0, end + 1), ...keys, ...options.slice(end + 1)];
}

/**
 * @param {{ method?: string, path?: string, q?: string, redelivered?: boolean, after?: string, timeout?: string,
 *   json?: boolean }} values
 * @returns {WaitFilters}
 */
function waitFilters(values) {
  if (values.method !== undefined && !METHODS.test(values.method)) {
    throw new UsageError(`--method must be an HTTP method such as POST; got "${values.method}".`);
  }
  if (values.path !== undefined && !values.path.startsWith("/")) {
    throw new UsageError(`--path must start with /, such as /github/**; got "${values.path}".`);
  }
  if (values.after !== undefined && !/^\d{1,15}$/.test(values.after)) {
    throw new UsageError(`--after must be a capture's seq (a whole number); got "${values.after}".`);
  }
  if (values.timeout !== undefined && !/^\d{1,6}(\.\d{1,3})?$/.test(values.timeout)) {
    throw new UsageError(`--timeout must be a number of seconds; got "${values.timeout}".`);
  }
  return {
    method: values.method ?? null,
    path: values.path ?? null,
    q: values.q || null,
    redelivered: values.redelivered ?? false,
    after: values.after === undefined ? null : Number(values.after),
    timeoutSeconds: values.timeout === undefined ? DEFAULT_WAIT_SECONDS : Number(values.timeout),
    json: values.json ?? false,
  };
}

/**
 * @param {string} to
 * @param {{ ids?: string, method?: string, q?: string, redelivered?: boolean, repeat?: string, "pace-ms"?: string,
 *   json?: boolean }} values
 * @returns {ReplayOptions}
 */
function replayOptions(to, values) {
  const ids =
    values.ids === undefined
      ? null
      : values.ids
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean);
  if (ids !== null && ids.length === 0) throw new UsageError("--ids needs at least one capture id.");
  if (ids !== null && (values.method !== undefined || values.q !== undefined || values.redelivered)) {
    throw new UsageError("Give --ids or the filters --method, --q and --redelivered, not both.");
  }
  if (values.method !== undefined && !METHODS.test(values.method)) {
    throw new UsageError(`--method must be an HTTP method such as POST; got "${values.method}".`);
  }
  if (values.repeat !== undefined && !/^[1-9]\d{0,5}$/.test(values.repeat)) {
    throw new UsageError(`--repeat must be a whole number from 1; got "${values.repeat}".`);
  }
  const pace = values["pace-ms"];
  if (pace !== undefined && !/^\d{1,8}$/.test(pace)) {
    throw new UsageError(`--pace-ms must be a whole number of milliseconds; got "${pace}".`);
  }
  return {
    to,
    ids,
    method: values.method ?? null,
    q: values.q || null,
    redelivered: values.redelivered ?? false,
    repeat: values.repeat === undefined ? 1 : Number(values.repeat),
    paceMs: pace === undefined ? 0 : Number(pace),
    json: values.json ?? false,
  };
}

/**
 * A bin given as its inspect URL or its bare key. A capture URL holds the token, which only sends.
 * @param {string} bin
 * @returns {{ server: string | undefined, key: string }}
 */
export function binAddress(bin) {
  if (KEY.test(bin)) return { server: undefined, key: bin };
  if (!/^https?:\/\//i.test(bin)) {
    throw new UsageError(`"${bin}" is neither an inspect URL (http://host/b/KEY) nor a key.`);
  }
  const url = new URL(httpUrl(bin, "the bin URL"));
  if (CAPTURE_PATH.test(url.pathname)) {
    throw new UsageError(
      "That is a capture URL: it lets senders send to the bin, not read it. Give the bin's inspect URL (http://host/b/KEY) instead.",
    );
  }
  const match = INSPECT_PATH.exec(url.pathname);
  if (!match) throw new UsageError(`"${bin}" is not an inspect URL: expected http://host/b/KEY.`);
  return { server: `${url.origin}${match[1]}`, key: /** @type {string} */ (match[2]) };
}

/**
 * @param {string} value
 * @param {string} what
 */
function httpUrl(value, what) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} "${value}" is not a URL; expected http://... or https://...`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${what} must be an http or https URL; got "${value}".`);
  }
  return value;
}
