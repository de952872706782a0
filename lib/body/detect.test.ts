import { describe, expect, it } from "vitest";
import { type BodyFacts, contentCodings, contentEncodingOf, detectBody, parseJson, utf8Text } from "./detect.ts";
import { MAX_JSON_TREE_BYTES, MAX_JSON_TREE_DEPTH, nestsDeeperThan } from "./json-tree-limits.ts";

function detect(facts: Partial<BodyFacts>) {
  const bodyText = facts.bodyText === undefined ? "x" : facts.bodyText;
  return detectBody({
    contentType: null,
    contentEncoding: null,
    bodySize: bodyText === null ? 10 : new TextEncoder().encode(bodyText).length,
    ...facts,
    bodyText,
  });
}

const view = (facts: Partial<BodyFacts>) => detect(facts).view;

describe("detectBody: declared types", () => {
  it("shows JSON for application/json and +json types that parse", () => {
    expect(view({ contentType: "application/json", bodyText: '{"a":1}' })).toBe("json");
    expect(view({ contentType: "application/json; charset=utf-8", bodyText: "[1,2]" })).toBe("json");
    expect(view({ contentType: "application/vnd.github+json", bodyText: '{"zen":"ok"}' })).toBe("json");
    expect(view({ contentType: "Application/Problem+JSON", bodyText: '{"title":"x"}' })).toBe("json");
    expect(view({ contentType: "application/json", bodyText: '"just a string"' })).toBe("json");
  });

  it("falls back to text, with a note, for declared JSON that does not parse", () => {
    const result = detect({ contentType: "application/json", bodyText: "{not json" });
    expect(result.view).toBe("text");
    expect(result.note).toMatch(/not valid JSON/);
  });

  it("shows a form for x-www-form-urlencoded", () => {
    expect(view({ contentType: "application/x-www-form-urlencoded", bodyText: "a=1&a=2" })).toBe("form");
  });

  it("shows multipart only with a boundary", () => {
    const withBoundary = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk";
    expect(view({ contentType: withBoundary, bodyText: null })).toBe("multipart");
    expect(view({ contentType: 'multipart/form-data; boundary="a b"', bodyText: "--a b--" })).toBe("multipart");
    expect(view({ contentType: "multipart/form-data", bodyText: "--x--" })).toBe("text");
    expect(view({ contentType: "multipart/form-data", bodyText: null })).toBe("binary");
  });

  it("shows raster images as images", () => {
    for (const type of [
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/webp",
      "image/avif",
      "image/bmp",
      "image/x-icon",
    ]) {
      expect(view({ contentType: type, bodyText: null }), type).toBe("image");
    }
  });

  it("never shows SVG as an image: it is text", () => {
    expect(view({ contentType: "image/svg+xml", bodyText: "<svg onload='alert(1)'/>" })).toBe("text");
  });

  it("shows textual types as text", () => {
    for (const type of ["text/plain", "text/html", "application/xml", "text/xml", "application/javascript"]) {
      expect(view({ contentType: type, bodyText: "<b>hi</b>" }), type).toBe("text");
    }
  });

  it("shows text for a declared textual type whose bytes are not UTF-8, with a note", () => {
    const result = detect({ contentType: "text/csv", bodyText: null });
    expect(result.view).toBe("text");
    expect(result.note).toMatch(/not valid UTF-8/);
  });
});

describe("detectBody: sniffing", () => {
  it("sniffs JSON objects and arrays whatever the declared type", () => {
    expect(view({ contentType: null, bodyText: '  {"event":"ping"}\n' })).toBe("json");
    expect(view({ contentType: "text/plain", bodyText: "[1, 2, 3]" })).toBe("json");
    // curl -d without -H sends JSON as a form.
    expect(view({ contentType: "application/x-www-form-urlencoded", bodyText: '{"hello":"world"}' })).toBe("json");
  });

  it("does not sniff JSON that fails to parse, or scalars", () => {
    expect(view({ bodyText: "{oops" })).toBe("text");
    expect(view({ bodyText: "42" })).toBe("text");
  });

  it("shows any valid UTF-8 body as text, and anything else as binary", () => {
    expect(view({ contentType: "application/octet-stream", bodyText: "hello" })).toBe("text");
    expect(view({ contentType: "application/octet-stream", bodyText: null })).toBe("binary");
    expect(view({ contentType: null, bodyText: null })).toBe("binary");
  });

  it("shows an empty body as empty whatever its type", () => {
    expect(view({ contentType: "application/json", bodyText: "" })).toBe("empty");
    expect(detect({ contentType: "image/png", contentEncoding: "gzip", bodyText: "", bodySize: 0 })).toMatchObject({
      view: "empty",
      needsDecode: false,
    });
  });
});

describe("detectBody: content encoding", () => {
  it("asks for a decode step and goes by the declared type", () => {
    const result = detect({ contentType: "application/json", contentEncoding: "gzip", bodyText: null });
    expect(result).toMatchObject({ view: "json", needsDecode: true, codings: ["gzip"], mediaType: "application/json" });
    expect(view({ contentType: "text/plain", contentEncoding: "br", bodyText: null })).toBe("text");
    expect(view({ contentType: "application/x-www-form-urlencoded", contentEncoding: "gzip", bodyText: null })).toBe(
      "form",
    );
    expect(view({ contentType: null, contentEncoding: "deflate", bodyText: null })).toBe("binary");
  });

  it("needs no decode step without an encoding or with identity only", () => {
    expect(detect({ contentEncoding: null }).needsDecode).toBe(false);
    expect(detect({ contentEncoding: "identity" }).needsDecode).toBe(false);
  });
});

describe("detectBody: JSON too deep or too large for the tree", () => {
  const arrays = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
  const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

  it("shows 400,000 levels of nesting as text with a note, declared as JSON or not", () => {
    for (const [contentType, text] of [
      ["application/json", arrays(400_000)],
      ["application/json", objects(400_000)],
      [null, arrays(400_000)],
      ["text/plain", objects(400_000)],
    ] as const) {
      const result = detectBody({ contentType, contentEncoding: null, bodyText: text, bodySize: text.length });
      expect(result.view, `${contentType} ${text.slice(0, 8)}`).toBe("text");
      expect(result.note).toMatch(/nested more than 100 levels deep/);
    }
  });

  it("still shows 50 levels of nesting as a tree", () => {
    expect(view({ contentType: "application/json", bodyText: arrays(50) })).toBe("json");
    expect(view({ contentType: null, bodyText: objects(50) })).toBe("json");
    expect(detect({ bodyText: arrays(MAX_JSON_TREE_DEPTH) })).toMatchObject({ view: "json", note: null });
    expect(detect({ bodyText: arrays(MAX_JSON_TREE_DEPTH + 1) }).view).toBe("text");
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const brackets = JSON.stringify({ a: "[".repeat(1000), b: `\\"${"{".repeat(1000)}`, c: ["]]]]"] });
    expect(detect({ contentType: "application/json", bodyText: brackets })).toMatchObject({ view: "json", note: null });
    expect(nestsDeeperThan(brackets, 2)).toBe(false);
    // A string holding one backslash ends at the quote after it.
    expect(nestsDeeperThan(`["\\\\"${",[".repeat(3)}`, 2)).toBe(true);
  });

  it("shows JSON larger than the tree's size limit as text with a note", () => {
    const large = JSON.stringify({ items: "x".repeat(MAX_JSON_TREE_BYTES) });
    const result = detect({ contentType: "application/json", bodyText: large });
    expect(result.view).toBe("text");
    expect(result.note).toMatch(/larger than \d+ KiB, too large for the JSON tree/);
    expect(detect({ contentType: null, bodyText: large }).note).toMatch(/Looks like JSON, but larger than/);
  });

  it("does not sniff text that only starts like JSON", () => {
    expect(detect({ contentType: null, bodyText: `[INFO] ${"[".repeat(500)} started` })).toMatchObject({
      view: "text",
      note: null,
    });
  });
});

describe("content-encoding helpers", () => {
  it("lists codings in applied order, lowercase, without identity", () => {
    expect(contentCodings("gzip, BR")).toEqual(["gzip", "br"]);
    expect(contentCodings(" identity ,, deflate")).toEqual(["deflate"]);
    expect(contentCodings(null)).toEqual([]);
  });

  it("joins repeated Content-Encoding header lines in arrival order", () => {
    expect(
      contentEncodingOf([
        ["Content-Type", "text/plain"],
        ["Content-Encoding", "gzip"],
        ["content-encoding", "br"],
      ]),
    ).toBe("gzip, br");
    expect(contentEncodingOf([["Host", "x"]])).toBeNull();
  });
});

describe("text helpers", () => {
  it("parses JSON with a byte-order mark and reports errors", () => {
    expect(parseJson('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJson("{").ok).toBe(false);
  });

  it("decodes valid UTF-8 only", () => {
    expect(utf8Text(new TextEncoder().encode("héllo"))).toBe("héllo");
    expect(utf8Text(new Uint8Array([0xff, 0xfe, 0x00]))).toBeNull();
    expect(utf8Text(new Uint8Array(1024 * 1024 + 1))).toBeNull();
  });
});
