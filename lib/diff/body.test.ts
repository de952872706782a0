import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compareBodies, type DiffLimits } from "./body.ts";
import { prepareBody } from "./prepare-body.ts";

const limits: DiffLimits = { maxBytes: 1024, maxChanges: 50, maxJsonValues: 100 };
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function compare(
  a: string | Buffer,
  b: string | Buffer,
  options: { contentType?: string; headers?: [string, string][]; limits?: DiffLimits } = {},
) {
  const max = (options.limits ?? limits).maxBytes;
  const side = (label: string, body: string | Buffer) =>
    prepareBody(
      { label, bytes: Buffer.from(body), headers: options.headers ?? [], contentType: options.contentType ?? null },
      max,
    );
  const [left, right] = [await side("a", a), await side("b", b)];
  return { left, right, comparison: compareBodies(left, right, options.limits ?? limits) };
}

describe("compareBodies", () => {
  it("compares JSON structurally: reordered keys are no change, a changed field is", async () => {
    const { comparison } = await compare('{"a":1,"b":{"c":2}}', '{"b":{"c":3},"a":1}', {
      contentType: "application/json",
    });
    expect(comparison).toEqual({
      mode: "json",
      equal: false,
      changes: [{ path: "/b/c", kind: "changed", a: 2, b: 3 }],
      totalChanges: 1,
    });
  });

  it("takes undeclared objects and arrays as JSON, but not undeclared scalars", async () => {
    expect((await compare('{"a":1}', '{"a":2}')).comparison.mode).toBe("json");
    expect((await compare("1", "2")).comparison.mode).toBe("text");
    expect((await compare("1", "2", { contentType: "application/vnd.api+json" })).comparison.mode).toBe("json");
  });

  it("lists at most maxChanges JSON changes and says how many there are", async () => {
    const a = JSON.stringify(Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i])));
    const b = JSON.stringify(Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, -i - 1])));
    const { comparison } = await compare(a, b, { limits: { ...limits, maxJsonValues: 1000 } });
    expect(comparison.mode === "json" && [comparison.changes.length, comparison.totalChanges]).toEqual([50, 80]);
  });

  it("compares JSON with more values than maxJsonValues, or nested too deep, line by line and says so", async () => {
    const big = (n: number) =>
      JSON.stringify(
        Array.from({ length: 150 }, (_, i) => (i === 3 ? n : i)),
        null,
        1,
      );
    const { comparison } = await compare(big(1), big(2));
    expect(comparison).toMatchObject({ mode: "text", note: expect.stringContaining("DIFF_MAX_JSON_VALUES") });
    const deep = (leaf: number) => `${"[".repeat(120)}${leaf}${"]".repeat(120)}`;
    expect((await compare(deep(1), deep(2))).comparison).toMatchObject({
      mode: "text",
      note: expect.stringContaining("nested more than 100 levels"),
    });
  });

  it("compares text line by line", async () => {
    const { comparison } = await compare("a=1\nb=2\n", "a=1\nb=3\n", { contentType: "text/plain" });
    expect(comparison).toMatchObject({ mode: "text", equal: false, note: null });
    expect(comparison.mode === "text" && comparison.hunks[0]?.lines).toEqual([
      { op: " ", text: "a=1" },
      { op: "-", text: "b=2" },
      { op: "+", text: "b=3" },
    ]);
  });

  it("compares a body that is not UTF-8 by size and SHA-256", async () => {
    const a = Buffer.from([0xff, 0x00, 0x01]);
    const b = Buffer.from([0xff, 0x00, 0x02, 0x03]);
    const { left, right, comparison } = await compare(a, b);
    expect(comparison).toMatchObject({ mode: "summary", reason: "binary", equal: false });
    expect(left.side).toMatchObject({ size: 3, sha256: sha256(a) });
    expect(right.side).toMatchObject({ size: 4, sha256: sha256(b) });
    expect((await compare(a, Buffer.from(a))).comparison).toMatchObject({ mode: "summary", equal: true });
  });

  it("compares bodies past maxBytes by size and hash only, naming the setting", async () => {
    const a = "x".repeat(2000);
    const { comparison, left } = await compare(a, `${a}y`);
    expect(comparison).toMatchObject({ mode: "summary", reason: "too_large", equal: false });
    expect(comparison.mode === "summary" && comparison.message).toContain("DIFF_MAX_BYTES");
    expect(left.side).toMatchObject({ size: 2000, sha256: sha256(Buffer.from(a)) });
    expect((await compare(a, a)).comparison).toMatchObject({ mode: "summary", reason: "too_large", equal: true });
  });

  it("gives up on a text diff with more changed lines than maxChanges", async () => {
    const lines = (prefix: string) => Array.from({ length: 60 }, (_, i) => `${prefix}${i}`).join("\n");
    expect((await compare(lines("a"), lines("b"))).comparison).toMatchObject({
      mode: "summary",
      reason: "too_many_changes",
    });
  });

  it("compares gzip bodies decoded, keeping the stored size and hash", async () => {
    const a = gzipSync('{"a":1,"b":2}');
    const b = gzipSync('{"b":2,"a":3}');
    const headers: [string, string][] = [["Content-Encoding", "gzip"]];
    const { left, comparison } = await compare(a, b, { headers, contentType: "application/json" });
    expect(left.side).toMatchObject({ size: a.length, sha256: sha256(a), decoded: ["gzip"], comparedSize: 13 });
    expect(comparison).toMatchObject({ mode: "json", changes: [{ path: "/a", kind: "changed", a: 1, b: 3 }] });
  });

  it("compares a body as stored when its Content-Encoding cannot be undone, and says why", async () => {
    const headers: [string, string][] = [["Content-Encoding", "gzip"]];
    const { left, comparison } = await compare("not gzip", "not gzip either", { headers });
    expect(left.side.decoded).toEqual([]);
    expect(left.side.decodeProblem).toContain("DIFF_MAX_BYTES");
    expect(comparison.mode).toBe("text");
    const bomb = gzipSync(Buffer.alloc(4096));
    const expanded = await compare(bomb, bomb, { headers });
    expect(expanded.left.side.decodeProblem).not.toBeNull();
  });
});
