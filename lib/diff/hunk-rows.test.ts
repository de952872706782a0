import { describe, expect, it } from "vitest";
import { hunkRows } from "./hunk-rows.ts";
import type { HunkLine } from "./types.ts";

const line = (op: HunkLine["op"], text: string): HunkLine => ({ op, text });

describe("hunkRows", () => {
  it("puts unchanged lines on both sides and removed lines beside the added ones, numbered", () => {
    const rows = hunkRows({
      aStart: 4,
      aLines: 4,
      bStart: 4,
      bLines: 3,
      lines: [line(" ", "x"), line("-", "a1"), line("-", "a2"), line("+", "b1"), line(" ", "y"), line("-", "a3")],
    });
    expect(
      rows.map((r) => [
        r.a && `${r.a.number}${r.a.line.op}${r.a.line.text}`,
        r.b && `${r.b.number}${r.b.line.op}${r.b.line.text}`,
      ]),
    ).toEqual([
      ["4 x", "4 x"],
      ["5-a1", "5+b1"],
      ["6-a2", null],
      ["7 y", "6 y"],
      ["8-a3", null],
    ]);
  });

  it("starts a new row pair when removed lines follow added ones", () => {
    const rows = hunkRows({
      aStart: 1,
      aLines: 1,
      bStart: 1,
      bLines: 1,
      lines: [line("+", "b1"), line("-", "a1")],
    });
    expect(rows.map((r) => [r.a?.line.text ?? null, r.b?.line.text ?? null])).toEqual([
      [null, "b1"],
      ["a1", null],
    ]);
  });
});
