import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

function expectInvalidCursor(cursor: string) {
  let thrown: unknown;
  try {
    decodeCursor(cursor);
  } catch (err) {
    thrown = err;
  }
  expect(thrown, `cursor ${JSON.stringify(cursor)}`).toBeInstanceOf(ApiError);
  expect((thrown as ApiError).code).toBe("invalid_cursor");
  expect((thrown as ApiError).status).toBe(400);
}

describe("encodeCursor / decodeCursor", () => {
  it("round-trips seqs from 0 to twelve digits", () => {
    for (const seq of [0, 1, 2 ** 31, 999_999_999_999]) {
      expect(decodeCursor(encodeCursor(seq))).toBe(seq);
    }
  });

  it("gives url-safe cursors", () => {
    for (const seq of [0, 62, 63, 2 ** 31, 999_999_999_999]) {
      expect(encodeCursor(seq)).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it("gives different cursors for different seqs", () => {
    expect(encodeCursor(1)).not.toBe(encodeCursor(2));
  });
});

describe("decodeCursor refuses what the API never returned", () => {
  it("refuses an empty cursor", () => expectInvalidCursor(""));

  it("refuses garbage", () => expectInvalidCursor("zzz"));

  it("refuses a cursor whose seq is not a number", () => expectInvalidCursor(b64("s1.abc")));

  it("refuses a negative seq", () => expectInvalidCursor(b64("s1.-1")));

  it("refuses another version prefix", () => expectInvalidCursor(b64("s2.5")));

  it("refuses a valid cursor with base64 padding added", () => {
    const padded = `${encodeCursor(5)}=`;
    expectInvalidCursor(padded);
    expectInvalidCursor(`${encodeCursor(5)}==`);
  });

  it("refuses a non-canonical seq with leading zeros", () => expectInvalidCursor(b64("s1.007")));

  it("refuses standard base64 characters that are not url-safe", () => {
    expectInvalidCursor(`${encodeCursor(1)}+/`);
  });

  it("refuses a seq longer than the API produces", () => expectInvalidCursor(b64("s1.1234567890123456")));

  it("refuses trailing text after the seq", () => expectInvalidCursor(b64("s1.5\n")));
});
