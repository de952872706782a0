import { describe, expect, it } from "vitest";
import { ID_PATTERN, newId, newToken, TOKEN_PATTERN } from "./ids.ts";

describe("newId", () => {
  it("makes version-7 UUIDs that encode the given time", () => {
    const at = Date.UTC(2026, 10, 26, 12, 0, 0);
    const id = newId(at);
    expect(id).toMatch(ID_PATTERN);
    expect(id[14]).toBe("7");
    expect("89ab").toContain(id[19]);
    expect(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(at);
  });

  it("is strictly increasing and unique across many ids in the same millisecond", () => {
    const at = Date.now();
    const ids = Array.from({ length: 5000 }, () => newId(at));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect((ids[i] as string) > (ids[i - 1] as string)).toBe(true);
  });

  it("draws fresh randomness past the pool's size", () => {
    const tails = new Set(Array.from({ length: 3000 }, () => newId().slice(-12)));
    expect(tails.size).toBe(3000);
  });
});

describe("newToken", () => {
  it("has 144 random bits in 24 url-safe characters", () => {
    const token = newToken();
    expect(token).toMatch(TOKEN_PATTERN);
    expect(token).toHaveLength(24);
    expect(newToken()).not.toBe(token);
  });
});
