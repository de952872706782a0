// Query parameters and headers compared name by name. The order between different names is not a
// change; the order of one name's repeated values is (a receiver reads them as a list).
import type { ChangeKind, NamedValuesDiff } from "./types.ts";

interface Grouped {
  name: string;
  values: string[];
}

/**
 * Pairs grouped by name, in order of first appearance. `fold` gives the name that two pairs must
 * share to be the same (headers: case-insensitive; query parameters: exact).
 */
function group(pairs: readonly (readonly [string, string])[], fold: (name: string) => string): Map<string, Grouped> {
  const groups = new Map<string, Grouped>();
  for (const [name, value] of pairs) {
    const key = fold(name);
    const found = groups.get(key);
    if (found) found.values.push(value);
    else groups.set(key, { name, values: [value] });
  }
  return groups;
}

function changeOf(a: string[], b: string[]): ChangeKind | null {
  if (a.length === 0) return "added";
  if (b.length === 0) return "removed";
  return a.length === b.length && a.every((value, i) => value === b[i]) ? null : "changed";
}

/** Every name of either side: a's names in a's order, then those only b has, in b's order. */
export function diffNamedValues(
  a: readonly (readonly [string, string])[],
  b: readonly (readonly [string, string])[],
  fold: (name: string) => string,
): NamedValuesDiff[] {
  const left = group(a, fold);
  const right = group(b, fold);
  const names = [...left.keys(), ...[...right.keys()].filter((key) => !left.has(key))];
  return names.map((key) => {
    const aValues = left.get(key)?.values ?? [];
    const bValues = right.get(key)?.values ?? [];
    const name = (left.get(key) ?? right.get(key))?.name ?? key;
    return { name, a: aValues, b: bValues, change: changeOf(aValues, bValues) };
  });
}

/** Header names are case-insensitive (RFC 9110); values are compared exactly. */
export const diffHeaders = (a: readonly [string, string][], b: readonly [string, string][]) =>
  diffNamedValues(a, b, (name) => name.toLowerCase());

/** Query parameters decoded as a form would (`+` is a space); names are case-sensitive. */
export const diffQuery = (a: string, b: string) => diffNamedValues(queryPairs(a), queryPairs(b), (name) => name);

/**
 * name=value pairs of a raw query. Unlike URLSearchParams, a malformed escape (%zz, or %FF that
 * is not UTF-8) is kept as written rather than turned into U+FFFD, so that two different
 * malformed values do not compare equal.
 */
function queryPairs(query: string): [string, string][] {
  if (query === "") return [];
  return query
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq === -1 ? [decodePart(part), ""] : [decodePart(part.slice(0, eq)), decodePart(part.slice(eq + 1))];
    });
}

function decodePart(text: string): string {
  const spaced = text.replaceAll("+", " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
