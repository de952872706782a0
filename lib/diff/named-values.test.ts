import { describe, expect, it } from "vitest";
import { diffHeaders, diffQuery } from "./named-values.ts";

describe("diffQuery", () => {
  it("compares parameters by name: another order is no change", () => {
    expect(diffQuery("a=1&b=2", "b=2&a=1").every((p) => p.change === null)).toBe(true);
  });

  it("reports added, removed and changed parameters, decoded, with repeated ones as lists", () => {
    expect(diffQuery("a=1&tag=x&tag=y&gone=1", "tag=x&a=%32&new=a+b")).toEqual([
      { name: "a", a: ["1"], b: ["2"], change: "changed" },
      { name: "tag", a: ["x", "y"], b: ["x"], change: "changed" },
      { name: "gone", a: ["1"], b: [], change: "removed" },
      { name: "new", a: [], b: ["a b"], change: "added" },
    ]);
  });

  it("keeps malformed escapes as written, so that two different ones are a change", () => {
    expect(diffQuery("sig=%FF&x=%zz", "sig=%FE&x=%zz")).toEqual([
      { name: "sig", a: ["%FF"], b: ["%FE"], change: "changed" },
      { name: "x", a: ["%zz"], b: ["%zz"], change: null },
    ]);
  });
});

describe("diffHeaders", () => {
  it("matches names case-insensitively and keeps each side's values in order", () => {
    const a: [string, string][] = [
      ["Content-Type", "application/json"],
      ["X-Trace", "1"],
      ["x-trace", "2"],
      ["Stripe-Signature", "t=1,v1=aa"],
    ];
    const b: [string, string][] = [
      ["stripe-signature", "t=2,v1=bb"],
      ["content-type", "application/json"],
      ["X-TRACE", "1"],
      ["X-Trace", "2"],
      ["Idempotency-Key", "k"],
    ];
    expect(diffHeaders(a, b)).toEqual([
      { name: "Content-Type", a: ["application/json"], b: ["application/json"], change: null },
      { name: "X-Trace", a: ["1", "2"], b: ["1", "2"], change: null },
      { name: "Stripe-Signature", a: ["t=1,v1=aa"], b: ["t=2,v1=bb"], change: "changed" },
      { name: "Idempotency-Key", a: [], b: ["k"], change: "added" },
    ]);
  });

  it("counts another order of one name's repeated values as a change", () => {
    expect(
      diffHeaders(
        [
          ["Via", "a"],
          ["Via", "b"],
        ],
        [
          ["Via", "b"],
          ["Via", "a"],
        ],
      )[0]?.change,
    ).toBe("changed");
  });
});
