import { describe, expect, it } from "vitest";
import { textMatcher } from "./text-match";

const row = (
  over: Partial<{ path: string; query: string; headers: [string, string][]; bodyText: string | null }> = {},
) => {
  const r = {
    path: "/orders",
    query: "status=paid",
    headers: [["User-Agent", "Stripe/1.0"]] as [string, string][],
    bodyText: '{"total":"100%"}',
    ...over,
  };
  return { ...r, headers: JSON.stringify(r.headers) };
};

describe("textMatcher", () => {
  it("matches path, query, header values and body, ignoring ASCII case", () => {
    expect(textMatcher("ORDERS")(row())).toBe(true);
    expect(textMatcher("paid")(row())).toBe(true);
    expect(textMatcher("stripe/1")(row())).toBe(true);
    expect(textMatcher('"total"')(row())).toBe(true);
  });

  it("treats % and _ as plain characters, not wildcards", () => {
    expect(textMatcher("100%")(row())).toBe(true);
    expect(textMatcher("%")(row({ bodyText: "no percent here" }))).toBe(false);
    expect(textMatcher("_")(row())).toBe(false);
    expect(textMatcher("o_ders")(row())).toBe(false);
  });

  it("does not match header names, only values", () => {
    expect(textMatcher("user-agent")(row())).toBe(false);
  });

  it("handles a body that is not text", () => {
    expect(textMatcher("x")(row({ bodyText: null, path: "/", query: "", headers: [] }))).toBe(false);
  });
});
