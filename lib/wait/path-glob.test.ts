import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { compilePathGlob } from "./path-glob.ts";

const matches = (pattern: string, path: string) => compilePathGlob(pattern)(path);

describe("compilePathGlob", () => {
  it("matches a plain pattern exactly, whole", () => {
    expect(matches("/github", "/github")).toBe(true);
    expect(matches("/github", "/github/push")).toBe(false);
    expect(matches("/github", "/githubx")).toBe(false);
    expect(matches("/github", "/x/github")).toBe(false);
  });

  it("* stays within one segment", () => {
    expect(matches("/orders/*", "/orders/42")).toBe(true);
    expect(matches("/orders/*", "/orders/")).toBe(true);
    expect(matches("/orders/*", "/orders/42/items")).toBe(false);
    expect(matches("/orders/*/items", "/orders/42/items")).toBe(true);
    expect(matches("/*.json", "/a.json")).toBe(true);
    expect(matches("/*.json", "/a/b.json")).toBe(false);
  });

  it("** crosses segments", () => {
    expect(matches("/github/**", "/github/a/b/c")).toBe(true);
    expect(matches("/github/**", "/github/")).toBe(true);
    expect(matches("/github/**", "/github")).toBe(false);
    expect(matches("/**", "/")).toBe(true);
    expect(matches("/**/done", "/a/b/done")).toBe(true);
    expect(matches("/***", "/a/b")).toBe(true);
  });

  it("treats regular-expression characters literally", () => {
    expect(matches("/a.b", "/a.b")).toBe(true);
    expect(matches("/a.b", "/axb")).toBe(false);
    expect(matches("/(x)+?", "/(x)+?")).toBe(true);
    expect(matches("/[ab]", "/a")).toBe(false);
    expect(matches("/%41", "/%41")).toBe(true);
    expect(matches("/%41", "/A")).toBe(false);
    expect(matches("/a\\b", "/a\\b")).toBe(true);
  });

  it("matches paths with newlines or other odd bytes only as written", () => {
    expect(matches("/**", "/a\nb")).toBe(true);
    expect(matches("/a*", "/a\nb")).toBe(true);
    expect(matches("/a", "/a\n")).toBe(false);
  });

  it("refuses a pattern that does not start with / or is too long", () => {
    expect(() => compilePathGlob("github/*")).toThrow(ApiError);
    expect(() => compilePathGlob("")).toThrow(ApiError);
    expect(() => compilePathGlob(`/${"a".repeat(200)}`)).toThrow(/at most 200/);
  });
});

describe("compilePathGlob on hostile paths", () => {
  it("answers many ** against a long path quickly", () => {
    const match = compilePathGlob(`/${"**a".repeat(60)}b`);
    const started = performance.now();
    expect(match(`/${"a".repeat(16_000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
