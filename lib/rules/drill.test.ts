import { describe, expect, it } from "vitest";
import { drillFires, needsAttempt } from "./drill.ts";
import { ruleDrillSchema } from "./schema.ts";

const drill = (when: object) => ruleDrillSchema.parse({ when, failure: { kind: "status" } });

describe("drillFires", () => {
  it("always fires", () => {
    expect(drillFires(drill({ kind: "always" }), 7, () => 0.99)).toBe(true);
  });

  it("fires for the first N attempts of an event, then not", () => {
    const first2 = drill({ kind: "first", count: 2 });
    expect([1, 2, 3, 4].map((attempt) => drillFires(first2, attempt, () => 0))).toEqual([true, true, false, false]);
  });

  it("fires with the given percent, from the random source", () => {
    const quarter = drill({ kind: "percent", percent: 25 });
    expect(drillFires(quarter, 1, () => 0.2499)).toBe(true);
    expect(drillFires(quarter, 1, () => 0.25)).toBe(false);
    expect(drillFires(drill({ kind: "percent", percent: 0 }), 1, () => 0)).toBe(false);
    expect(drillFires(drill({ kind: "percent", percent: 100 }), 1, () => 0.9999)).toBe(true);
  });

  it("needs the attempt only for fail-first", () => {
    expect(needsAttempt(drill({ kind: "first", count: 1 }))).toBe(true);
    expect(needsAttempt(drill({ kind: "percent", percent: 5 }))).toBe(false);
    expect(needsAttempt(null)).toBe(false);
  });
});
