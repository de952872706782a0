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

type Wrapped = unknown;

function wrap(value: unknown): Wrapped {
  if (Array.isArray(value)) return value.map((item) => ({ v: wrap(item) }));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [KEY_PREFIX + key, wrap(item)]));
  }
  return value;
}

function unwrap(value: Wrapped): unknown {
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
 * An array delta: "i" is item i of b (added, or a wrapper whose item changed), "_i" item i of a
 * (removed). Matched by position, the same index in a and b is the same item: a removed item at
 * an index that b also has there is one changed item.
 */
function collectArray(node: Record<string, unknown>, path: string, changes: JsonChange[]): void {
  const removed = new Map<number, unknown>();
  const entries = new Map<number, unknown>();
  for (const [key, child] of Object.entries(node)) {
    if (key === "_t") continue;
    if (key.startsWith("_")) removed.set(Number(key.slice(1)), (child as unknown[])[0]);
    else entries.set(Number(key), child);
  }
  const indexes = [...new Set([...removed.keys(), ...entries.keys()])].sort((x, y) => x - y);
  for (const index of indexes) {
    const itemPath = `${path}/${index}`;
    const entry = entries.get(index);
    const gone = removed.get(index) as { v: unknown } | undefined;
    if (Array.isArray(entry) && gone) {
      changes.push({ path: itemPath, kind: "changed", a: unwrap(gone.v), b: unwrap((entry[0] as { v: unknown }).v) });
    } else if (Array.isArray(entry)) {
      changes.push({ path: itemPath, kind: "added", b: unwrap((entry[0] as { v: unknown }).v) });
    } else if (entry !== undefined) {
      collect((entry as { v: Delta }).v, itemPath, changes);
    } else if (gone) {
      changes.push({ path: itemPath, kind: "removed", a: unwrap(gone.v) });
    }
  }
}
