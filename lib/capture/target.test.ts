import { describe, expect, it } from "vitest";
import { isCaptureTarget, originForm, parseCaptureTarget } from "./target.ts";

describe("parseCaptureTarget", () => {
  it('gives path "/" and query "" for a bare token', () => {
    expect(parseCaptureTarget("/h/TOKEN")).toEqual({ token: "TOKEN", path: "/", query: "" });
  });

  it("keeps the sub-path raw, percent-escapes included", () => {
    expect(parseCaptureTarget("/h/T/a%2Fb/c")).toEqual({ token: "T", path: "/a%2Fb/c", query: "" });
  });

  it("keeps the query exactly as sent, with repeated keys and escapes", () => {
    expect(parseCaptureTarget("/h/T?a=1&a=2&b=%20x+y")).toEqual({ token: "T", path: "/", query: "a=1&a=2&b=%20x+y" });
  });

  it("splits at the first '?' only", () => {
    expect(parseCaptureTarget("/h/T/p?x=?&y=/z")).toEqual({ token: "T", path: "/p", query: "x=?&y=/z" });
  });

  it('gives query "" for a lone "?"', () => {
    expect(parseCaptureTarget("/h/T?")).toEqual({ token: "T", path: "/", query: "" });
  });

  it('gives path "/" for a trailing slash', () => {
    expect(parseCaptureTarget("/h/T/")).toEqual({ token: "T", path: "/", query: "" });
  });

  it("parses an absolute-form target like its origin form", () => {
    expect(parseCaptureTarget("http://host:1/h/T/x?y")).toEqual({ token: "T", path: "/x", query: "y" });
    expect(parseCaptureTarget("http://host:1/h/T/x?y")).toEqual(parseCaptureTarget("/h/T/x?y"));
  });

  it("returns null for targets outside /h", () => {
    expect(parseCaptureTarget("/hx/T")).toBeNull();
    expect(parseCaptureTarget("/api/x")).toBeNull();
    expect(parseCaptureTarget("/")).toBeNull();
  });

  it('gives token "" for "/h" and "/h/"', () => {
    expect(parseCaptureTarget("/h")).toEqual({ token: "", path: "/", query: "" });
    expect(parseCaptureTarget("/h/")?.token).toBe("");
  });
});

describe("isCaptureTarget", () => {
  it("accepts /h and everything below it, in origin and absolute form", () => {
    expect(isCaptureTarget("/h")).toBe(true);
    expect(isCaptureTarget("/h/")).toBe(true);
    expect(isCaptureTarget("/h/T/a/b?c")).toBe(true);
    expect(isCaptureTarget("http://host:1/h/T")).toBe(true);
  });

  it("rejects paths that only start with the letter h or live elsewhere", () => {
    expect(isCaptureTarget("/hx/T")).toBe(false);
    expect(isCaptureTarget("/api/x")).toBe(false);
    expect(isCaptureTarget("/b/T")).toBe(false);
    expect(isCaptureTarget("http://host/api/h/T")).toBe(false);
  });
});

describe("originForm", () => {
  it("leaves an origin-form target untouched", () => {
    expect(originForm("/h/T/x?y=1")).toBe("/h/T/x?y=1");
  });

  it("drops scheme and authority from an absolute-form target", () => {
    expect(originForm("http://host:1/h/T/x?y")).toBe("/h/T/x?y");
    expect(originForm("HTTPS://user@host/a")).toBe("/a");
  });

  it('gives "/" (plus any query) when the absolute form has no path', () => {
    expect(originForm("http://host")).toBe("/");
    expect(originForm("http://host?x=1")).toBe("/?x=1");
  });
});
