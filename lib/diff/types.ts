// The shape of a comparison of two captured requests: plain data, the same for the API and the
// page that renders it. "a" is the request compared from (before), "b" the one compared with (after).
import { z } from "zod";
import type { Holds, SameShape } from "../api/same-shape.ts";

export type ChangeKind = "added" | "removed" | "changed";

/** One field of the request line (method or path). */
export interface FieldDiff {
  a: string;
  b: string;
  changed: boolean;
}

/**
 * One name of the query or the headers, with every value it has on each side in order (repeated
 * names are kept as lists). A name only on one side has an empty list on the other.
 */
export interface NamedValuesDiff {
  /** As first written: on side a when it has the name, else on side b. */
  name: string;
  a: string[];
  b: string[];
  /** null when both lists are equal. */
  change: ChangeKind | null;
}

/** A body as it was compared: its size and hash as stored, and what was undone to compare it. */
export interface BodySide {
  size: number;
  sha256: string;
  /** The Content-Encoding codings undone before comparing (none: compared as stored). */
  decoded: string[];
  /** The size compared: the decoded size when `decoded` is not empty, else `size`. */
  comparedSize: number;
  /** Why its Content-Encoding was not undone (corrupt, or too large decoded): compared as stored. */
  decodeProblem: string | null;
}

/** One difference between two JSON documents, at an RFC 6901 pointer. */
export interface JsonChange {
  /** In b for "added" and "changed", in a for "removed" (array items are matched by position, so a changed item's pointer is the same in both). */
  path: string;
  kind: ChangeKind;
  /** The value in a; absent for "added". */
  a?: unknown;
  /** The value in b; absent for "removed". */
  b?: unknown;
}

/** One line of a text hunk: " " in both, "-" only in a, "+" only in b. */
export interface HunkLine {
  op: " " | "-" | "+";
  text: string;
  /** The text ends with this line and no newline after it. */
  noNewlineAtEnd?: true;
}

/** A run of changed lines with the unchanged lines around them. Line numbers start at 1. */
export interface TextHunk {
  aStart: number;
  aLines: number;
  bStart: number;
  bLines: number;
  lines: HunkLine[];
}

/** Why two bodies were compared only by size and hash. */
export type SummaryReason = "binary" | "too_large" | "too_many_changes";

export type BodyComparison =
  | { mode: "json"; equal: boolean; changes: JsonChange[]; totalChanges: number }
  | { mode: "text"; equal: boolean; hunks: TextHunk[]; note: string | null }
  | { mode: "summary"; equal: boolean; reason: SummaryReason; message: string };

export interface BodyDiff {
  a: BodySide;
  b: BodySide;
  comparison: BodyComparison;
}

/** The request each side is, as the list shows it. */
export interface DiffSide {
  id: string;
  seq: number;
  receivedAt: string;
}

export interface RequestDiff {
  a: DiffSide;
  b: DiffSide;
  method: FieldDiff;
  path: FieldDiff;
  query: NamedValuesDiff[];
  headers: NamedValuesDiff[];
  body: BodyDiff;
}

const changeKind = z.enum(["added", "removed", "changed"]);
const fieldDiff = z.strictObject({ a: z.string(), b: z.string(), changed: z.boolean() });
const namedValuesDiff = z.strictObject({
  name: z.string(),
  a: z.array(z.string()),
  b: z.array(z.string()),
  change: changeKind.nullable(),
});
const bodySide = z.strictObject({
  size: z.number().int().min(0),
  sha256: z.string(),
  decoded: z.array(z.string()).describe("The Content-Encoding codings undone before comparing."),
  comparedSize: z.number().int().min(0),
  decodeProblem: z.string().nullable(),
});
const jsonChange = z.strictObject({
  path: z.string().describe("An RFC 6901 pointer."),
  kind: changeKind,
  a: z.unknown().optional(),
  b: z.unknown().optional(),
});
const hunkLine = z.strictObject({
  op: z.enum([" ", "-", "+"]),
  text: z.string(),
  noNewlineAtEnd: z.literal(true).optional(),
});
const textHunk = z.strictObject({
  aStart: z.number().int(),
  aLines: z.number().int(),
  bStart: z.number().int(),
  bLines: z.number().int(),
  lines: z.array(hunkLine),
});
const bodyComparison = z.union([
  z.strictObject({
    mode: z.literal("json"),
    equal: z.boolean(),
    changes: z.array(jsonChange),
    totalChanges: z.number().int(),
  }),
  z.strictObject({
    mode: z.literal("text"),
    equal: z.boolean(),
    hunks: z.array(textHunk),
    note: z.string().nullable(),
  }),
  z.strictObject({
    mode: z.literal("summary"),
    equal: z.boolean(),
    reason: z.enum(["binary", "too_large", "too_many_changes"]),
    message: z.string(),
  }),
]);
const diffSide = z.strictObject({ id: z.string(), seq: z.number().int(), receivedAt: z.iso.datetime() });

/** GET .../diff: what differs between two requests, side a (before) and side b (after). */
export const requestDiffSchema = z.strictObject({
  a: diffSide,
  b: diffSide,
  method: fieldDiff,
  path: fieldDiff,
  query: z.array(namedValuesDiff),
  headers: z.array(namedValuesDiff),
  body: z.strictObject({ a: bodySide, b: bodySide, comparison: bodyComparison }),
});

export type RequestDiffMatchesSchema = Holds<SameShape<RequestDiff, z.infer<typeof requestDiffSchema>>>;
