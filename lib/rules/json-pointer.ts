// RFC 6901 JSON pointers over a parsed body, for matchers and templates. Only the document's own
// members are reached: "/constructor" or "/__proto__" of an object that has no such member is
// missing, never a value from Object.prototype.

/** The value at `pointer` in `doc`, or undefined when there is none ("" is the whole document). */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  if (!pointer.startsWith("/")) return undefined;
  let current = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (current !== null && typeof current === "object" && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/** A JSON value as matchers compare it and templates fill it: strings as they are, anything else as JSON text. */
export function jsonValueText(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}
