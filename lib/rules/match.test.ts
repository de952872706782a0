import { describe, expect, it } from "vitest";
import { findRule, matches } from "./match.ts";
import { type Rule, ruleMatchSchema, ruleSchema } from "./schema.ts";
import { testRequest } from "./test-request.ts";

const match = (input: unknown) => ruleMatchSchema.parse(input);
const rule = (id: string, input: object): Rule => ({ ...ruleSchema.parse(input), id });

describe("findRule", () => {
  it("takes the first enabled rule that matches, in order", () => {
    const rules = [
      rule("off", { enabled: false, match: {} }),
      rule("get", { match: { method: "GET" } }),
      rule("any", { match: {} }),
      rule("later", { match: {} }),
    ];
    expect(findRule(rules, testRequest({ method: "POST" }))?.id).toBe("any");
    expect(findRule(rules, testRequest({ method: "GET" }))?.id).toBe("get");
    expect(findRule([rules[0] as Rule], testRequest())).toBeNull();
  });
});

describe("matches", () => {
  it("compares the method in any case", () => {
    expect(matches(match({ method: "post" }), testRequest({ method: "POST" }))).toBe(true);
    expect(matches(match({ method: "PUT" }), testRequest({ method: "POST" }))).toBe(false);
  });

  it("matches the sub-path with a glob; /** matches every path, dotfiles included", () => {
    const all = match({ path: "/**" });
    for (const path of ["/", "/a", "/.git/config", "/a/.b/c"]) expect(matches(all, testRequest({ path }))).toBe(true);
    const one = match({ path: "/stripe/*" });
    expect(matches(one, testRequest({ path: "/stripe/events" }))).toBe(true);
    expect(matches(one, testRequest({ path: "/stripe/events/1" }))).toBe(false);
    expect(matches(one, testRequest({ path: "/github/events" }))).toBe(false);
  });

  it("takes time linear in the path for patterns a regular-expression glob backtracks on", () => {
    const hostile = match({ path: "/*a*a*a*a*a*a*a*a*a*b" });
    const started = performance.now();
    expect(matches(hostile, testRequest({ path: `/${"a".repeat(8000)}` }))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("checks a header's presence or value, its name in any case", () => {
    const request = testRequest({
      headers: [
        ["X-GitHub-Event", "push"],
        ["x-github-event", "ping"],
      ],
    });
    expect(matches(match({ headers: [{ name: "x-github-event" }] }), request)).toBe(true);
    expect(matches(match({ headers: [{ name: "X-GITHUB-EVENT", equals: "ping" }] }), request)).toBe(true);
    expect(matches(match({ headers: [{ name: "x-github-event", equals: "Push" }] }), request)).toBe(false);
    expect(matches(match({ headers: [{ name: "x-hub-signature" }] }), request)).toBe(false);
  });

  it("reads query parameters decoded as URLSearchParams does, dotted keys whole", () => {
    const request = testRequest({ query: "hub.mode=subscribe&hub.challenge=1158201444&q=a+b%21" });
    expect(matches(match({ query: [{ name: "hub.mode", equals: "subscribe" }] }), request)).toBe(true);
    expect(matches(match({ query: [{ name: "q", equals: "a b!" }] }), request)).toBe(true);
    expect(matches(match({ query: [{ name: "hub" }] }), request)).toBe(false);
  });

  it("compares a JSON body's value at a pointer as text", () => {
    const request = testRequest({
      body: '{"type":"url_verification","n":42,"ok":true,"a/b":{"~x":"y"},"list":[1,"two"]}',
    });
    const at = (pointer: string, equals: string) =>
      matches(match({ body: { kind: "json", pointer, equals } }), request);
    expect(at("/type", "url_verification")).toBe(true);
    expect(at("/n", "42")).toBe(true);
    expect(at("/ok", "true")).toBe(true);
    expect(at("/a~1b/~0x", "y")).toBe(true);
    expect(at("/list/1", "two")).toBe(true);
    expect(at("/list", '[1,"two"]')).toBe(true);
    expect(at("/type", "event_callback")).toBe(false);
    expect(at("/constructor", "")).toBe(false);
    expect(
      matches(match({ body: { kind: "json", pointer: "/a", equals: "1" } }), testRequest({ body: "not json" })),
    ).toBe(false);
  });

  it("finds a substring of the body", () => {
    const request = testRequest({ body: "event=payment.succeeded" });
    expect(matches(match({ body: { kind: "contains", text: "payment." } }), request)).toBe(true);
    expect(matches(match({ body: { kind: "contains", text: "Payment" } }), request)).toBe(false);
  });

  it("needs every matcher to hold", () => {
    const both = match({ method: "POST", path: "/hooks/**", headers: [{ name: "x-a" }] });
    expect(matches(both, testRequest({ path: "/hooks/1", headers: [["X-A", "1"]] }))).toBe(true);
    expect(matches(both, testRequest({ path: "/hooks/1" }))).toBe(false);
  });
});
