// Headers as editable text, one "Name: value" per line, and back. Order and duplicates survive.
import type { HeaderPair } from "../capture/headers.ts";

export function headersToLines(headers: HeaderPair[]): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join("\n");
}

export type ParsedLines = { ok: true; headers: HeaderPair[] } | { ok: false; error: string };

/** Parses "Name: value" lines; blank lines are skipped; a line without a name is an error. */
export function linesToHeaders(text: string): ParsedLines {
  const headers: HeaderPair[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    const name = colon === -1 ? "" : line.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      return { ok: false, error: `Line ${i + 1} is not "Name: value".` };
    }
    headers.push([name, line.slice(colon + 1).replace(/^[ \t]+/, "")]);
  }
  return { ok: true, headers };
}
