import { describe, expect, it } from "vitest";
import { formatAbsolute, formatBytes, formatGap, formatRelative } from "./format";

describe("formatBytes", () => {
  it("uses bytes below 1 KiB and binary units above", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MiB");
  });
});

describe("formatRelative", () => {
  const at = Date.parse("2026-11-25T12:00:00.000Z");
  it("reads naturally from seconds to days", () => {
    expect(formatRelative("2026-11-25T12:00:00.000Z", at)).toBe("just now");
    expect(formatRelative("2026-11-25T11:59:30.000Z", at)).toBe("30 s ago");
    expect(formatRelative("2026-11-25T11:55:00.000Z", at)).toBe("5 min ago");
    expect(formatRelative("2026-11-25T09:00:00.000Z", at)).toBe("3 h ago");
    expect(formatRelative("2026-11-22T12:00:00.000Z", at)).toBe("3 d ago");
  });
  it("never shows a negative age for a clock a little ahead", () => {
    expect(formatRelative("2026-11-25T12:00:03.000Z", at)).toBe("just now");
  });
});

describe("formatAbsolute", () => {
  it("shows UTC explicitly", () => {
    expect(formatAbsolute("2026-11-25T23:21:39.697Z")).toBe("2026-11-25 23:21:39.697 UTC");
  });
});

describe("formatGap", () => {
  it("reads naturally from milliseconds to days, never rounding up past what passed", () => {
    expect(formatGap(0)).toBe("0 ms");
    expect(formatGap(350)).toBe("350 ms");
    expect(formatGap(2_549)).toBe("2.5 s");
    expect(formatGap(42_900)).toBe("42 s");
    expect(formatGap(185_000)).toBe("3 min 5 s");
    expect(formatGap(120_000)).toBe("2 min");
    expect(formatGap(2 * 3_600_000 + 10 * 60_000)).toBe("2 h 10 min");
    expect(formatGap(28 * 3_600_000)).toBe("1 d 4 h");
  });
});
