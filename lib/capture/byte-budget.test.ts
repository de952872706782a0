import { describe, expect, it } from "vitest";
import { ByteBudget, SharedByteBudget } from "./byte-budget";

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

describe("SharedByteBudget", () => {
  it("caps what one key holds, while other keys still reserve", () => {
    const budget = new SharedByteBudget(100, 25);
    expect(budget.tryReserve("a", 20)).toBe(true);
    expect(budget.tryReserve("a", 10)).toBe(false);
    expect(budget.tryReserve("b", 20)).toBe(true);
    budget.release("a", 20);
    expect(budget.tryReserve("a", 10)).toBe(true);
    expect(budget.used).toBe(30);
  });

  it("lets a key that holds nothing reserve more than its share, within the total", () => {
    const budget = new SharedByteBudget(100, 25);
    expect(budget.tryReserve("a", 60)).toBe(true);
    expect(budget.tryReserve("b", 50)).toBe(false);
    expect(budget.tryReserve("b", 40)).toBe(true);
  });
});
