import { describe, expect, it } from "vitest";
import { parseWaitQuery } from "./wait-query.ts";

const parse = (query: string, max = 120) => parseWaitQuery(new URLSearchParams(query), max);

describe("parseWaitQuery", () => {
  it("defaults to the newest seq, any capture and 30 s", () => {
    expect(parse("")).toEqual({
      after: null,
      methods: null,
      path: null,
      q: null,
      redelivered: false,
      timeoutMs: 30_000,
    });
  });

  it("reads redelivered as the list does", () => {
    expect(parse("redelivered=true").redelivered).toBe(true);
    expect(() => parse("redelivered=1")).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });

  it("never defaults to more than WAIT_MAX_SECONDS", () => {
    expect(parse("", 10).timeoutMs).toBe(10_000);
  });

  it("reads after, method (case-insensitive, like the list), q, a glob path and a fractional timeout", () => {
    const query = parse("after=7&method=post,put&q=paid&path=/orders/*&timeout=0.5");
    expect(query).toMatchObject({ after: 7, methods: ["POST", "PUT"], q: "paid", timeoutMs: 500 });
    expect(query.path?.("/orders/1")).toBe(true);
    expect(query.path?.("/orders/1/x")).toBe(false);
  });

  it("accepts a timeout of 0 (look once) and of exactly WAIT_MAX_SECONDS", () => {
    expect(parse("timeout=0").timeoutMs).toBe(0);
    expect(parse("timeout=120").timeoutMs).toBe(120_000);
  });

  it.each([
    "timeout=121",
    "timeout=-1",
    "timeout=1e3",
    "timeout=",
    "after=-1",
    "after=1.5",
    "after=",
    "path=orders",
    "method=P%20T",
  ])("refuses %s with validation_failed", (query) => {
    expect(() => parse(query)).toThrow(expect.objectContaining({ code: "validation_failed", status: 400 }));
  });
});
