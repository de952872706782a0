import { describe, expect, it } from "vitest";
import { diffJson } from "./json-body.ts";

describe("diffJson", () => {
  it("finds no change when only the order of object keys differs, at any depth", () => {
    const a = JSON.parse('{"id":"evt_1","data":{"object":{"amount":100,"currency":"usd"}},"type":"charge.succeeded"}');
    const b = JSON.parse('{"type":"charge.succeeded","data":{"object":{"currency":"usd","amount":100}},"id":"evt_1"}');
    expect(diffJson(a, b)).toEqual([]);
  });

  it("reports a nested changed value at its JSON pointer, with both values", () => {
    const a = { data: { object: { amount: 100, metadata: { order: "A1" } } } };
    const b = { data: { object: { metadata: { order: "A2" }, amount: 100 } } };
    expect(diffJson(a, b)).toEqual([{ path: "/data/object/metadata/order", kind: "changed", a: "A1", b: "A2" }]);
  });

  it("reports added and removed keys with the value each side has", () => {
    expect(diffJson({ a: 1, gone: { x: [1] } }, { a: 1, fresh: null })).toEqual([
      { path: "/gone", kind: "removed", a: { x: [1] } },
      { path: "/fresh", kind: "added", b: null },
    ]);
  });

  it("compares arrays item by item by position: changed, added and removed items", () => {
    expect(diffJson({ tags: ["a", "b", "c"] }, { tags: ["b", "c"] })).toEqual([
      { path: "/tags/0", kind: "changed", a: "a", b: "b" },
      { path: "/tags/1", kind: "changed", a: "b", b: "c" },
      { path: "/tags/2", kind: "removed", a: "c" },
    ]);
    expect(diffJson({ items: [{ id: 1, qty: 1 }] }, { items: [{ qty: 2, id: 1 }, { id: 2 }] })).toEqual([
      { path: "/items/0/qty", kind: "changed", a: 1, b: 2 },
      { path: "/items/1", kind: "added", b: { id: 2 } },
    ]);
  });

  it("counts the order of array items as data: a reordered array is changed items", () => {
    expect(diffJson([1, 2], [2, 1])).toEqual([
      { path: "/0", kind: "changed", a: 1, b: 2 },
      { path: "/1", kind: "changed", a: 2, b: 1 },
    ]);
  });

  it("reports a change of type, also between an array and an object with the same entries", () => {
    expect(diffJson({ v: [1] }, { v: { "0": 1 } })).toEqual([{ path: "/v", kind: "changed", a: [1], b: { "0": 1 } }]);
    expect(diffJson({ v: 1 }, { v: "1" })).toEqual([{ path: "/v", kind: "changed", a: 1, b: "1" }]);
    expect(diffJson(1, 2)).toEqual([{ path: "", kind: "changed", a: 1, b: 2 }]);
  });

  it("escapes pointer segments and treats keys such as __proto__ and _t as data", () => {
    const a = JSON.parse('{"a/b~c":1,"__proto__":{"p":1},"_t":"a","x":{"_t":[1]}}');
    const b = JSON.parse('{"a/b~c":2,"__proto__":{"p":2},"_t":"b","x":{"_t":[2]}}');
    expect(diffJson(a, b)).toEqual([
      { path: "/a~1b~0c", kind: "changed", a: 1, b: 2 },
      { path: "/__proto__/p", kind: "changed", a: 1, b: 2 },
      { path: "/_t", kind: "changed", a: "a", b: "b" },
      { path: "/x/_t/0", kind: "changed", a: 1, b: 2 },
    ]);
  });

  it("compares long arrays by position, never by aligning them (whose cost is the product of their lengths)", () => {
    const a = Array.from({ length: 20_000 }, (_, i) => i);
    const b = a.map((n) => (n === 10_000 ? -1 : n));
    b.unshift(-2);
    const changes = diffJson(a, b);
    // By position, every item after the insertion moved: each is a change, plus one added at the end.
    expect(changes).toHaveLength(20_001);
    expect(changes.at(-1)).toEqual({ path: "/20000", kind: "added", b: 19_999 });
  });
});
