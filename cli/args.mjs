// @ts-check
// Command-line arguments of `hookscope`, checked up front so that mistakes get a clear message.
import { parseArgs as parseNodeArgs } from "node:util";

export const USAGE = `Usage: hookscope forward <bin URL or token> --to <url> [--server <url>]

Sends every new capture of a Hookscope bin to <url> (for example a server on localhost), with the
same method, headers and body bytes, one at a time in capture order.

  <bin URL or token>  a capture URL (http://host/h/TOKEN), an inspect URL (http://host/b/TOKEN)
                      or a bare token; a URL also names the server
  --to <url>          where to send each capture; used exactly as given
  --server <url>      the Hookscope server for a bare token (default http://127.0.0.1:3000)
  -h, --help          show this help

Stop with Ctrl-C.`;

const DEFAULT_SERVER = "http://127.0.0.1:3000";
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;
const BIN_PATH = /^(.*?)\/[hb]\/([A-Za-z0-9_-]{20,64})(?:\/.*)?$/;

export class UsageError extends Error {}

/**
 * @param {string[]} argv the arguments after the program name
 * @returns {{ help: true } | { help: false, command: "forward", server: string, token: string, to: string }}
 */
export function parseArgs(argv) {
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: argv,
      allowPositionals: true,
      options: {
        to: { type: "string" },
        server: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError(/** @type {Error} */ (err).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return { help: true };
  const [command, bin, ...extra] = positionals;
  if (command === undefined) throw new UsageError("Missing command: forward.");
  if (command !== "forward") throw new UsageError(`Unknown command "${command}"; the command is forward.`);
  if (bin === undefined) throw new UsageError("Missing the bin: give its capture URL, inspect URL or token.");
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  if (values.to === undefined) throw new UsageError("Missing --to <url>: where to send the captures.");
  const to = httpUrl(values.to, "--to");
  const explicitServer = values.server === undefined ? undefined : httpUrl(values.server, "--server");
  const address = binAddress(bin);
  const server = (explicitServer ?? address.server ?? DEFAULT_SERVER).replace(/\/+$/, "");
  return { help: false, command, server, token: address.token, to };
}

/**
 * A bin given as a URL (capture or inspect) or a bare token.
 * @param {string} bin
 * @returns {{ server: string | undefined, token: string }}
 */
function binAddress(bin) {
  if (TOKEN.test(bin)) return { server: undefined, token: bin };
  if (!/^https?:\/\//i.test(bin)) {
    throw new UsageError(`"${bin}" is neither a bin URL (http://host/h/TOKEN) nor a token.`);
  }
  const url = new URL(httpUrl(bin, "the bin URL"));
  const match = BIN_PATH.exec(url.pathname);
  if (!match) throw new UsageError(`"${bin}" is not a bin URL: expected http://host/h/TOKEN or http://host/b/TOKEN.`);
  return { server: `${url.origin}${match[1]}`, token: /** @type {string} */ (match[2]) };
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
