// Two JSON documents compared structurally with jsondiffpatch. Objects are compared key by key, so
// keys in another order are no change. Array items are compared position by position: jsondiffpatch
// would otherwise align them by a longest common subsequence, whose table costs len(a) × len(b)
// and would let one hostile payload of long arrays stall the server; by position the cost is linear.
// To get that, each item is wrapped in an object ({ v: item }) and matched by position, and each
// object key is prefixed, so that no key of the payload ("__proto__", jsondiffpatch's own "_t")
// means anything to jsondiffpatch or to the objects it builds.
import { create, type Delta } from "jsondiffpatch";
import type { JsonChange } from "./types.ts";

const differ = create({ matchByPosition: true, arrays: { detectMove: false } });

const KEY_PREFIX = "k:";

function wrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => ({ v: wrap(item) }));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [KEY_PREFIX + key, wrap(item)]));
  }
  return value;
}

function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => unwrap((item as { v: unknown }).v));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.slice(KEY_PREFIX.length), unwrap(item)]));
  }
  return value;
}

/** An RFC 6901 pointer segment. */
const segment = (key: string) => `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;

/** Every difference between a and b, in document order, each at its JSON pointer. */
export function diffJson(a: unknown, b: unknown): JsonChange[] {
  const delta = differ.diff(wrap(a), wrap(b));
  const changes: JsonChange[] = [];
  if (delta !== undefined) collect(delta, "", changes);
  return changes;
}

/** A leaf of a delta: [new] added, [old, new] changed, [old, 0, 0] removed. */
function leaf(delta: unknown[], path: string, changes: JsonChange[]): void {
  if (delta.length === 1) changes.push({ path, kind: "added", b: unwrap(delta[0]) });
  else if (delta.length === 2) changes.push({ path, kind: "changed", a: unwrap(delta[0]), b: unwrap(delta[1]) });
  else changes.push({ path, kind: "removed", a: unwrap(delta[0]) });
}

function collect(delta: Delta, path: string, changes: JsonChange[]): void {
  const node = delta as Record<string, unknown>;
  if (Array.isArray(delta)) leaf(delta, path, changes);
  else if (node._t === "a") collectArray(node, path, changes);
  else {
    for (const [key, child] of Object.entries(node)) {
      collect(child as Delta, path + segment(key.slice(KEY_PREFIX.length)), changes);
    }
  }
}

/**
 * An array delta: "i" is item i of b, added or (a wrapper matched by position) changed inside;
 * "_i" is item i of a, removed. Items past the shorter array's length are the only ones added or
 * removed, since every wrapper matches the one at its position.
 */
function collectArray(node: Record<string, unknown>, path: string, changes: JsonChange[]): void {
  for (const [key, child] of Object.entries(node)) {
    if (key === "_t") continue;
    const removed = key.startsWith("_");
    const itemPath = `${path}/${removed ? key.slice(1) : key}`;
    if (removed) changes.push({ path: itemPath, kind: "removed", a: unwrap((child as [{ v: unknown }])[0].v) });
    else if (Array.isArray(child))
      changes.push({ path: itemPath, kind: "added", b: unwrap((child as [{ v: unknown }])[0].v) });
    else collect((child as { v: Delta }).v, itemPath, changes);
  }
}
