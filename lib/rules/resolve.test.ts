import { describe, expect, it } from "vitest";
import { binResponseSchema } from "../bins/response.ts";
import { resolveAnswer } from "./resolve.ts";
import { type Rule, ruleSchema } from "./schema.ts";
import { testRequest } from "./test-request.ts";

const rule = (input: object): Rule => ({ ...ruleSchema.parse({ name: "r", ...input }), id: "r1" });
const options = {
  attempt: 1,
  random: () => 0,
  fallback: binResponseSchema.parse({ status: 202, body: "default" }),
  timeoutMaxSeconds: 10,
};

describe("resolveAnswer", () => {
  it("answers the bin's default response when no rule matched, and records it as such", () => {
    expect(resolveAnswer(null, testRequest(), options)).toEqual({
      record: { ruleId: null, ruleName: null, status: 202, failure: null },
      action: { kind: "answer", status: 202, headers: [], body: "default", delayMs: 0 },
    });
  });

  it("fills the rule's templates, signature included", () => {
    const r = rule({
      answer: {
        status: 201,
        headers: [["X-Echo", "{{query.a}}"]],
        body: "{{query.a}}:{{signature}}",
        delayMs: 5,
        sign: { input: "{{query.a}}", secret: "s3cret" },
      },
    });
    const { record, action } = resolveAnswer(r, testRequest({ query: "a=1" }), options);
    expect(record).toEqual({ ruleId: "r1", ruleName: "r", status: 201, failure: null });
    expect(action).toMatchObject({ kind: "answer", status: 201, headers: [["X-Echo", "1"]], delayMs: 5 });
    expect(action.kind === "answer" && action.body?.startsWith("1:")).toBe(true);
  });

  it("keeps line breaks and control characters a request brings out of header values", () => {
    const r = rule({ answer: { headers: [["X-Echo", "{{query.a}}"]] } });
    const { action } = resolveAnswer(r, testRequest({ query: "a=x%0D%0ASet-Cookie:%20y%00" }), options);
    expect(action.kind === "answer" && action.headers).toEqual([["X-Echo", "xSet-Cookie: y"]]);
  });

  it("answers each drill failure instead of the rule's answer", () => {
    const failing = (failure: object) => rule({ drill: { when: { kind: "always" }, failure } });
    const status = resolveAnswer(failing({ kind: "status", status: 503 }), testRequest(), options);
    expect(status.record).toEqual({ ruleId: "r1", ruleName: "r", status: 503, failure: "status" });
    const limited = resolveAnswer(failing({ kind: "rate-limit", retryAfterSeconds: 7 }), testRequest(), options);
    expect(limited.record.status).toBe(429);
    expect(limited.action.kind === "answer" && limited.action.headers).toContainEqual(["Retry-After", "7"]);
    const timeout = resolveAnswer(failing({ kind: "timeout", seconds: 60 }), testRequest(), options);
    expect(timeout).toEqual({
      record: { ruleId: "r1", ruleName: "r", status: null, failure: "timeout" },
      action: { kind: "timeout", seconds: 10 },
    });
    const drop = resolveAnswer(failing({ kind: "drop" }), testRequest(), options);
    expect(drop.action).toEqual({ kind: "drop" });
    expect(drop.record.failure).toBe("drop");
  });

  it("answers the rule once a fail-first drill has used its attempts", () => {
    const r = rule({
      answer: { status: 200, body: "ok" },
      drill: { when: { kind: "first", count: 2 }, failure: { kind: "status" } },
    });
    const statuses = [1, 2, 3].map((attempt) => resolveAnswer(r, testRequest(), { ...options, attempt }).record.status);
    expect(statuses).toEqual([500, 500, 200]);
  });
});
