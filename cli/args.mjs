// @ts-check
// Command-line arguments of `hookscope`, checked up front so that mistakes get a clear message.
import { parseArgs as parseNodeArgs } from "node:util";

export const USAGE = `Usage: hookscope forward <inspect URL or key> --to <url> [--server <url>]

Sends every new capture of a Hookscope bin to <url> (for example a server on localhost), with the
same method, headers and body bytes, one at a time in capture order.

  <inspect URL or key>  the bin's inspect URL (http://host/b/KEY), which also names the server, or
                        its bare key; a capture URL only sends to a bin and cannot read it
  --to <url>            where to send each capture; used exactly as given
  --server <url>        the Hookscope server for a bare key (default http://127.0.0.1:3000)
  -h, --help            show this help

On a private server (ACCESS_MODE=private), set HOOKSCOPE_ACCESS_KEY to one of its access keys.
Stop with Ctrl-C.`;

const DEFAULT_SERVER = "http://127.0.0.1:3000";
const KEY = /^[A-Za-z0-9_-]{20,64}$/;
const INSPECT_PATH = /^(.*?)\/b\/([A-Za-z0-9_-]{20,64})\/?$/;
const CAPTURE_PATH = /\/h\/[A-Za-z0-9_-]{20,64}(?:\/.*)?$/;

export class UsageError extends Error {}

/**
 * @param {string[]} argv the arguments after the program name
 * @returns {{ help: true } | { help: false, command: "forward", server: string, key: string, to: string }}
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
  if (bin === undefined) throw new UsageError("Missing the bin: give its inspect URL or key.");
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  if (values.to === undefined) throw new UsageError("Missing --to <url>: where to send the captures.");
  const to = httpUrl(values.to, "--to");
  const explicitServer = values.server === undefined ? undefined : httpUrl(values.server, "--server");
  const address = binAddress(bin);
  const server = (explicitServer ?? address.server ?? DEFAULT_SERVER).replace(/\/+$/, "");
  return { help: false, command, server, key: address.key, to };
}

/**
 * A bin given as its inspect URL or its bare key. A capture URL holds the token, which only sends.
 * @param {string} bin
 * @returns {{ server: string | undefined, key: string }}
 */
function binAddress(bin) {
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
