import { describe, expect, it } from "vitest";
import { headersToLines, linesToHeaders } from "./header-lines";

describe("header lines", () => {
  it("round-trips order, case, duplicates, empty values and colons inside values", () => {
    const headers: [string, string][] = [
      ["Content-Type", "application/json"],
      ["x-dup", "1"],
      ["X-Dup", "2"],
      ["X-Empty", ""],
      ["X-Time", "12:30:45"],
    ];
    expect(linesToHeaders(headersToLines(headers))).toEqual({ ok: true, headers });
  });

  it("skips blank lines and accepts CRLF", () => {
    expect(linesToHeaders("A: 1\r\n\r\nB:2\n")).toEqual({
      ok: true,
      headers: [
        ["A", "1"],
        ["B", "2"],
      ],
    });
  });

  it("names the line that is not a header", () => {
    expect(linesToHeaders("A: 1\nnot a header\n")).toEqual({ ok: false, error: 'Line 2 is not "Name: value".' });
    expect(linesToHeaders("Bad Name: x")).toEqual({ ok: false, error: 'Line 1 is not "Name: value".' });
  });
});
