import { describe, expect, it } from "vitest";
import { ByteBudget } from "./byte-budget";

describe("ByteBudget", () => {
  it("reserves up to the limit and refuses past it without reserving", () => {
    const budget = new ByteBudget(100);
    expect(budget.tryReserve(60)).toBe(true);
    expect(budget.tryReserve(50)).toBe(false);
    expect(budget.used).toBe(60);
    expect(budget.tryReserve(40)).toBe(true);
    budget.release(60);
    expect(budget.tryReserve(50)).toBe(true);
    expect(budget.used).toBe(90);
  });

  it("always allows empty bodies", () => {
    const budget = new ByteBudget(0);
    expect(budget.tryReserve(0)).toBe(true);
  });
});
