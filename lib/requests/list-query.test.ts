import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { encodeCursor } from "./cursor.ts";
import { parseListQuery } from "./list-query.ts";

const parse = (query: string) => parseListQuery(new URLSearchParams(query));

function expectApiError(query: string, code: string) {
  let thrown: unknown;
  try {
    parse(query);
  } catch (err) {
    thrown = err;
  }
  expect(thrown, `query ${JSON.stringify(query)}`).toBeInstanceOf(ApiError);
  expect((thrown as ApiError).code).toBe(code);
  expect((thrown as ApiError).status).toBe(400);
}

describe("parseListQuery: limit", () => {
  it("defaults to 50 with no filters", () => {
    expect(parse("")).toEqual({ limit: 50, beforeSeq: null, methods: null, q: null, redelivered: false });
  });

  it("accepts 1 and 100", () => {
    expect(parse("limit=1").limit).toBe(1);
    expect(parse("limit=100").limit).toBe(100);
  });

  it("refuses anything outside whole numbers 1 to 100 with invalid_limit", () => {
    for (const limit of ["0", "101", "-1", "1.5", "abc", "", "1e2", " 5"]) {
      expectApiError(`limit=${encodeURIComponent(limit)}`, "invalid_limit");
    }
  });
});

describe("parseListQuery: method", () => {
  it("upper-cases a method name", () => {
    expect(parse("method=post").methods).toEqual(["POST"]);
  });

  it("splits a comma-separated list", () => {
    expect(parse("method=GET,post").methods).toEqual(["GET", "POST"]);
    expect(parse("method=GET%2C%20post").methods).toEqual(["GET", "POST"]);
  });

  it("accepts hyphenated methods such as M-SEARCH", () => {
    expect(parse("method=M-SEARCH").methods).toEqual(["M-SEARCH"]);
  });

  it("refuses a name that is not a method with validation_failed", () => {
    expectApiError("method=P%20O", "validation_failed");
    expectApiError("method=GET;DROP", "validation_failed");
  });

  it("gives no method filter for an empty method", () => {
    expect(parse("method=").methods).toBeNull();
  });
});

describe("parseListQuery: q", () => {
  it("keeps a search text as given", () => {
    expect(parse("q=Hello%20World").q).toBe("Hello World");
  });

  it("accepts 500 characters and refuses 501 with validation_failed", () => {
    expect(parse(`q=${"a".repeat(500)}`).q).toHaveLength(500);
    expectApiError(`q=${"a".repeat(501)}`, "validation_failed");
  });

  it("gives no search for an empty q", () => {
    expect(parse("q=").q).toBeNull();
  });
});

describe("parseListQuery: cursor", () => {
  it("decodes a cursor into the seq to continue below", () => {
    expect(parse(`cursor=${encodeCursor(42)}`).beforeSeq).toBe(42);
  });

  it("refuses a garbage cursor with invalid_cursor", () => {
    expectApiError("cursor=zzz", "invalid_cursor");
  });

  it("starts from the newest for an empty cursor", () => {
    expect(parse("cursor=").beforeSeq).toBeNull();
  });
});

describe("parseListQuery: redelivered", () => {
  it("keeps only redeliveries with true, all with false or when absent", () => {
    expect(parse("redelivered=true").redelivered).toBe(true);
    expect(parse("redelivered=false").redelivered).toBe(false);
    expect(parse("").redelivered).toBe(false);
  });

  it("refuses anything else as a validation error", () => {
    for (const value of ["1", "yes", "TRUE", ""]) expectApiError(`redelivered=${value}`, "validation_failed");
  });
});
