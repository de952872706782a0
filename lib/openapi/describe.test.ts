import { describe, expect, it } from "vitest";
import { constraintWords, nestedObject, typeWords } from "./describe.ts";

describe("typeWords", () => {
  it("names refs, unions with null, tuples, arrays, enums and formats", () => {
    expect(typeWords({ $ref: "#/components/schemas/Bin" })).toBe("Bin");
    expect(typeWords({ anyOf: [{ $ref: "#/components/schemas/Bin" }, { type: "null" }] })).toBe("Bin or null");
    expect(typeWords({ type: ["string", "null"] })).toBe("string or null");
    expect(typeWords({ type: "array", prefixItems: [{ type: "string" }, { type: "string" }] })).toBe(
      "[string, string]",
    );
    expect(typeWords({ type: "array", items: { type: "integer" } })).toBe("array of integer");
    expect(typeWords({ type: "string", enum: ["key", "token"] })).toBe('"key" | "token"');
    expect(typeWords({ type: "string", format: "date-time", pattern: "^...$" })).toBe("string (date-time)");
  });
});

describe("constraintWords", () => {
  it("says limits and defaults, not zod's safe-integer bounds nor a format's own pattern", () => {
    expect(
      constraintWords({ type: "integer", minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }),
    ).toEqual([]);
    expect(constraintWords({ type: "integer", minimum: 200, maximum: 599, default: 200 })).toEqual([
      "≥ 200",
      "≤ 599",
      "default 200",
    ]);
    expect(constraintWords({ type: "string", format: "date-time", pattern: "^x$" })).toEqual([]);
    expect(constraintWords({ type: "string", maxLength: 100, pattern: "^a$" })).toEqual([
      "at most 100 characters",
      "matches ^a$",
    ]);
  });
});

describe("nestedObject", () => {
  it("finds the fields to list under a nullable object or an array of objects, never under a ref", () => {
    const object = { type: "object", properties: { a: { type: "string" } } };
    expect(nestedObject({ anyOf: [object, { type: "null" }] })).toBe(object);
    expect(nestedObject({ type: "array", items: object })).toBe(object);
    expect(nestedObject({ $ref: "#/components/schemas/Bin" })).toBeNull();
  });
});
