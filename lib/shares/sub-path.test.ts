import { describe, expect, it } from "vitest";
import { subPathOf } from "./sub-path.ts";

const TOKEN = "tok_0123456789abcdefghij";

describe("subPathOf", () => {
  it("cuts /h/{token} off, keeping the sub-path and query exactly", () => {
    expect(subPathOf(`/h/${TOKEN}/stripe/events?a=1&b=%20`)).toBe("/stripe/events?a=1&b=%20");
    expect(subPathOf(`/h/${TOKEN}/`)).toBe("/");
    expect(subPathOf(`/h/${TOKEN}//double`)).toBe("//double");
  });

  it("gives / when nothing follows the token, and keeps a bare query", () => {
    expect(subPathOf(`/h/${TOKEN}`)).toBe("/");
    expect(subPathOf(`/h/${TOKEN}?x=1`)).toBe("/?x=1");
  });

  it("drops the scheme and host of an absolute-form target", () => {
    expect(subPathOf(`http://example.com:8080/h/${TOKEN}/in?q`)).toBe("/in?q");
  });
});
