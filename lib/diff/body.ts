// Two bodies compared in the most telling way their content allows: JSON structurally, UTF-8
// text line by line, anything else (or anything past the limits) by size and SHA-256.
import { mediaTypeOf, parseJson } from "../body/detect.ts";
import { MAX_JSON_TREE_DEPTH, nestsDeeperThan } from "../body/json-tree-limits.ts";
import { diffJson } from "./json-body.ts";
import { diffText } from "./text-body.ts";
import type { BodyComparison, BodySide, TextHunk } from "./types.ts";

export interface DiffLimits {
  /** DIFF_MAX_BYTES: past this size (per side, as compared), bodies are compared by size and hash only. */
  maxBytes: number;
  /** DIFF_MAX_CHANGES: JSON changes listed, and changed lines a text diff may find before it gives up. */
  maxChanges: number;
  /** DIFF_MAX_JSON_VALUES: past this many values (per side), JSON is compared line by line. */
  maxJsonValues: number;
}

/** A body ready to compare: the bytes compared (decoded when it was encoded) and what it was. */
export interface PreparedBody {
  side: BodySide;
  /** The bytes compared; null when they are too large to compare (see tooLarge). */
  bytes: Buffer | null;
  contentType: string | null;
  /** Why the bytes are not compared (null when they are). */
  tooLarge: string | null;
}

export function compareBodies(a: PreparedBody, b: PreparedBody, limits: DiffLimits): BodyComparison {
  if (!a.bytes || !b.bytes) {
    const message = [a.tooLarge, b.tooLarge].filter(Boolean).join(" ");
    return { mode: "summary", equal: a.side.sha256 === b.side.sha256, reason: "too_large", message };
  }
  const equal = a.bytes.equals(b.bytes);
  const textA = utf8(a.bytes);
  const textB = utf8(b.bytes);
  if (textA === null || textB === null) {
    return {
      mode: "summary",
      equal,
      reason: "binary",
      message: "At least one body is not UTF-8 text: compared by size and SHA-256.",
    };
  }
  const json = jsonPair(a, textA, b, textB, limits);
  if (json.ok) {
    const changes = diffJson(json.a, json.b);
    return { mode: "json", equal, changes: changes.slice(0, limits.maxChanges), totalChanges: changes.length };
  }
  return textComparison(textA, textB, equal, limits, json.note);
}

function textComparison(a: string, b: string, equal: boolean, limits: DiffLimits, note: string | null): BodyComparison {
  const hunks: TextHunk[] | null = diffText(a, b, limits.maxChanges);
  if (hunks === null) {
    return {
      mode: "summary",
      equal,
      reason: "too_many_changes",
      message: `More than ${limits.maxChanges} lines differ (DIFF_MAX_CHANGES): compared by size and SHA-256.`,
    };
  }
  return { mode: "text", equal, hunks, note };
}

type JsonPair = { ok: true; a: unknown; b: unknown } | { ok: false; note: string | null };

/**
 * Both bodies as JSON values, when both are JSON: both parse, and both are objects or arrays or
 * both are declared JSON. Bodies nested too deep or holding too many values are left to the text
 * diff, with a note saying why.
 */
function jsonPair(a: PreparedBody, textA: string, b: PreparedBody, textB: string, limits: DiffLimits): JsonPair {
  if (!looksLikeJson(textA, a.contentType) || !looksLikeJson(textB, b.contentType)) return { ok: false, note: null };
  if (nestsDeeperThan(textA, MAX_JSON_TREE_DEPTH) || nestsDeeperThan(textB, MAX_JSON_TREE_DEPTH)) {
    return { ok: false, note: `JSON nested more than ${MAX_JSON_TREE_DEPTH} levels deep: compared line by line.` };
  }
  const parsedA = parseJson(textA);
  const parsedB = parseJson(textB);
  if (!parsedA.ok || !parsedB.ok) return { ok: false, note: null };
  if (!isDeclaredJson(a.contentType, b.contentType) && !(isContainer(parsedA.value) && isContainer(parsedB.value))) {
    return { ok: false, note: null };
  }
  if (hasMoreValues(parsedA.value, limits.maxJsonValues) || hasMoreValues(parsedB.value, limits.maxJsonValues)) {
    return {
      ok: false,
      note: `JSON with more than ${limits.maxJsonValues} values (DIFF_MAX_JSON_VALUES): compared line by line.`,
    };
  }
  return { ok: true, a: parsedA.value, b: parsedB.value };
}

/** Cheap test before parsing: declared JSON, or text that starts like a JSON object or array. */
function looksLikeJson(text: string, contentType: string | null): boolean {
  return isJsonType(contentType) || /^\uFEFF?\s*[[{]/.test(text);
}

const isDeclaredJson = (a: string | null, b: string | null) => isJsonType(a) && isJsonType(b);

function isJsonType(contentType: string | null): boolean {
  const type = mediaTypeOf(contentType);
  return type !== null && (type === "application/json" || type.endsWith("+json"));
}

const isContainer = (value: unknown) => value !== null && typeof value === "object";

/** True when the document holds more than `limit` values; stops counting there. */
function hasMoreValues(root: unknown, limit: number): boolean {
  const stack: unknown[] = [root];
  let count = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (++count > limit) return true;
    if (value !== null && typeof value === "object") for (const child of Object.values(value)) stack.push(child);
  }
  return false;
}

function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
