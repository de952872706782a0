import { describe, expect, it } from "vitest";
import { defaultBinResponse } from "../bins/response.ts";
import { previewRules } from "./preview.ts";
import { type Rule, ruleSchema } from "./schema.ts";
import { testRequest } from "./test-request.ts";

const rule = (id: string, input: object): Rule => ({ ...ruleSchema.parse({ name: id, ...input }), id });
const options = { attempt: 1, fallback: defaultBinResponse, timeoutMaxSeconds: 120 };

describe("previewRules", () => {
  it("shows the default answer when nothing matches", () => {
    const view = testRequest();
    expect(previewRules([rule("get", { match: { method: "GET" } })], view, options)).toEqual({
      rule: null,
      answer: { status: 200, headers: [], body: JSON.stringify({ ok: true, requestId: view.request.id }), delayMs: 0 },
      failure: null,
      attempt: 1,
    });
  });

  it("shows the filled answer of the matching rule", () => {
    const rules = [rule("echo", { answer: { body: "{{query.hub.challenge}}" } })];
    const preview = previewRules(rules, testRequest({ query: "hub.challenge=42" }), options);
    expect(preview.rule).toEqual({ id: "echo", name: "echo" });
    expect(preview.answer?.body).toBe("42");
  });

  it("shows a fail-first failure by the capture's attempt, and a percent drill's chance without rolling", () => {
    const first = [rule("f", { drill: { when: { kind: "first", count: 2 }, failure: { kind: "drop" } } })];
    expect(previewRules(first, testRequest(), { ...options, attempt: 2 })).toMatchObject({
      answer: null,
      failure: "drop",
      attempt: 2,
    });
    expect(previewRules(first, testRequest(), { ...options, attempt: 3 })).toMatchObject({ failure: null });
    const percent = [rule("p", { drill: { when: { kind: "percent", percent: 30 }, failure: { kind: "status" } } })];
    expect(previewRules(percent, testRequest(), options)).toMatchObject({
      failure: null,
      chance: 30,
      answer: { status: 200 },
    });
  });
});
