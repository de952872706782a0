import { describe, expect, it } from "vitest";
import { ByteCounter, checkContentLength } from "./body-limit.ts";

describe("checkContentLength", () => {
  const max = 1000;

  it("accepts a request without Content-Length (the body is counted as it streams)", () => {
    expect(checkContentLength(undefined, max)).toBe("ok");
  });

  it("accepts an empty body and a body exactly at the limit", () => {
    expect(checkContentLength("0", max)).toBe("ok");
    expect(checkContentLength("1000", max)).toBe("ok");
  });

  it("refuses a body one byte over the limit", () => {
    expect(checkContentLength("1001", max)).toBe("too_large");
  });

  it("refuses a huge length that does not fit a safe integer", () => {
    expect(checkContentLength("99999999999999999999999", max)).toBe("too_large");
  });

  it("calls anything but a non-negative whole number invalid", () => {
    for (const value of ["abc", "", "-1", "1.5", "1e3", "0x10", "12abc"]) {
      expect(checkContentLength(value, max), value).toBe("invalid");
    }
  });
});

describe("ByteCounter", () => {
  it("allows chunks up to exactly the limit and refuses the first byte past it", () => {
    const counter = new ByteCounter(10);
    expect(counter.add(4)).toBe(true);
    expect(counter.add(6)).toBe(true);
    expect(counter.total).toBe(10);
    expect(counter.add(1)).toBe(false);
    expect(counter.total).toBe(11);
  });

  it("refuses a single chunk that crosses the limit", () => {
    const counter = new ByteCounter(10);
    expect(counter.add(3)).toBe(true);
    expect(counter.add(8)).toBe(false);
  });

  it("accepts empty chunks and a zero limit only for an empty body", () => {
    const counter = new ByteCounter(0);
    expect(counter.add(0)).toBe(true);
    expect(counter.add(1)).toBe(false);
  });
});
