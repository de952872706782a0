import { describe, expect, it } from "vitest";
import type { AnswerRecord } from "../rules/schema.ts";
import { answerDescription, answerLabel } from "./answer-label.ts";

const record = (over: Partial<AnswerRecord>): AnswerRecord => ({
  ruleId: "r1",
  ruleName: "Fail twice",
  status: 200,
  failure: null,
  ...over,
});

describe("answerLabel", () => {
  it("names the status sent, or what happened when none was", () => {
    expect(answerLabel(null)).toBeNull();
    expect(answerLabel(record({ status: 503, failure: "status" }))).toBe("503");
    expect(answerLabel(record({ status: 429, failure: "rate-limit" }))).toBe("429");
    expect(answerLabel(record({ status: null, failure: "timeout" }))).toBe("timeout");
    expect(answerLabel(record({ status: null, failure: "drop" }))).toBe("dropped");
  });
});

describe("answerDescription", () => {
  it("says which rule answered, the default response, or a rule without a name by its id", () => {
    expect(answerDescription(record({ status: 503, failure: "status" }))).toBe(
      "Answered 503 by rule “Fail twice” (failure drill)",
    );
    expect(answerDescription(record({ ruleId: null, ruleName: null }))).toBe(
      "Answered 200 by the bin's default response",
    );
    expect(answerDescription(record({ ruleName: "", status: null, failure: "drop" }))).toBe(
      "Dropped by rule r1 (failure drill)",
    );
    expect(answerDescription(record({ status: null, failure: "timeout" }))).toBe(
      "Held until timeout by rule “Fail twice” (failure drill)",
    );
  });
});
