import { describe, expect, it } from "vitest";
import { diffText } from "./text-body.ts";

const lines = (n: number, change: (i: number) => string = String) =>
  `${Array.from({ length: n }, (_, i) => change(i + 1)).join("\n")}\n`;

describe("diffText", () => {
  it("gives no hunk for equal texts", () => {
    expect(diffText("a\nb\n", "a\nb\n", 10)).toEqual([]);
  });

  it("gives each change as a hunk of removed and added lines with three lines of context", () => {
    const a = lines(20);
    const b = lines(20, (i) => (i === 10 ? "ten" : String(i)));
    expect(diffText(a, b, 10)).toEqual([
      {
        aStart: 7,
        aLines: 7,
        bStart: 7,
        bLines: 7,
        lines: [
          { op: " ", text: "7" },
          { op: " ", text: "8" },
          { op: " ", text: "9" },
          { op: "-", text: "10" },
          { op: "+", text: "ten" },
          { op: " ", text: "11" },
          { op: " ", text: "12" },
          { op: " ", text: "13" },
        ],
      },
    ]);
  });

  it("separates changes far apart into hunks", () => {
    const b = lines(40, (i) => (i === 5 || i === 35 ? `x${i}` : String(i)));
    const hunks = diffText(lines(40), b, 10) ?? [];
    expect(hunks.map((h) => [h.aStart, h.bStart])).toEqual([
      [2, 2],
      [32, 32],
    ]);
  });

  it("marks a last line that lost its newline instead of showing the same text removed and added", () => {
    expect(diffText("a\nb\n", "a\nb", 10)).toEqual([
      {
        aStart: 1,
        aLines: 2,
        bStart: 1,
        bLines: 2,
        lines: [
          { op: " ", text: "a" },
          { op: "-", text: "b" },
          { op: "+", text: "b", noNewlineAtEnd: true },
        ],
      },
    ]);
  });

  it("gives up (null) past the most changed lines it looks for", () => {
    const a = lines(100);
    const b = lines(100, (i) => `changed ${i}`);
    expect(diffText(a, b, 50)).toBeNull();
    expect(diffText(a, b, 400)).not.toBeNull();
  });
});
