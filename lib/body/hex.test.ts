import { describe, expect, it } from "vitest";
import { hexDumpLines, hexLine } from "./hex.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("hexLine", () => {
  it("shows the offset, 16 bytes in two groups of 8 and the ASCII column", () => {
    expect(hexLine(bytes("Hello, webhooks!"), 0)).toBe(
      "00000000  48 65 6c 6c 6f 2c 20 77  65 62 68 6f 6f 6b 73 21  |Hello, webhooks!|",
    );
  });

  it("shows non-printable bytes as dots", () => {
    expect(hexLine(new Uint8Array([0x00, 0x1f, 0x41, 0x7f, 0x80, 0xff, 0x0a, 0x20]), 16)).toBe(
      `00000010  00 1f 41 7f 80 ff 0a 20${" ".repeat(2 + 23)}  |..A.... |`,
    );
  });

  it("pads a short last line so the ASCII column lines up", () => {
    const full = hexLine(bytes("0123456789abcdef"), 0);
    const short = hexLine(bytes("ab"), 0x10);
    expect(short.indexOf("|")).toBe(full.indexOf("|"));
    expect(short).toBe(`00000010  61 62${" ".repeat(18)}  ${" ".repeat(23)}  |ab|`);
  });
});

describe("hexDumpLines", () => {
  const data = Uint8Array.from({ length: 40 }, (_, i) => i);

  it("makes one line per 16 bytes with running offsets", () => {
    const lines = hexDumpLines(data);
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.slice(0, 8))).toEqual(["00000000", "00000010", "00000020"]);
    expect(lines[2]).toContain("20 21 22 23 24 25 26 27  ");
  });

  it("dumps a range, keeping offsets from the start of the body", () => {
    const lines = hexDumpLines(data, 16, 32);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith("00000010  10 11")).toBe(true);
  });

  it("stops at the end of the bytes and returns nothing for no bytes", () => {
    expect(hexDumpLines(data, 32, 1000)).toHaveLength(1);
    expect(hexDumpLines(new Uint8Array(0))).toEqual([]);
  });
});
