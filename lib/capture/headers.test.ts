import { describe, expect, it } from "vitest";
import { clientIp, firstHeader, stripMappedPrefix, toPairs } from "./headers.ts";

describe("toPairs", () => {
  it("keeps arrival order, original case and duplicates", () => {
    const raw = ["Host", "x", "X-Dup", "1", "content-type", "text/plain", "x-dup", "2", "X-Dup", "3"];
    expect(toPairs(raw)).toEqual([
      ["Host", "x"],
      ["X-Dup", "1"],
      ["content-type", "text/plain"],
      ["x-dup", "2"],
      ["X-Dup", "3"],
    ]);
  });

  it("keeps empty values", () => {
    expect(toPairs(["X-Empty", ""])).toEqual([["X-Empty", ""]]);
  });

  it("gives no pairs for no headers", () => {
    expect(toPairs([])).toEqual([]);
  });
});

describe("firstHeader", () => {
  const raw = ["Content-Type", "application/json", "X-Dup", "first", "x-dup", "second"];

  it("finds a header whatever the case of the name asked for", () => {
    expect(firstHeader(raw, "content-type")).toBe("application/json");
    expect(firstHeader(raw, "CONTENT-TYPE")).toBe("application/json");
  });

  it("returns the first value of a repeated header", () => {
    expect(firstHeader(raw, "X-DUP")).toBe("first");
  });

  it("returns null when the header is absent", () => {
    expect(firstHeader(raw, "authorization")).toBeNull();
  });
});

describe("clientIp", () => {
  const xff = ["Host", "x", "X-Forwarded-For", "203.0.113.7, 198.51.100.2"];

  it("uses the socket address when the proxy is not trusted, even with X-Forwarded-For", () => {
    expect(clientIp("10.0.0.5", xff, false)).toBe("10.0.0.5");
  });

  it("uses the rightmost X-Forwarded-For entry when the proxy is trusted", () => {
    expect(clientIp("10.0.0.5", xff, true)).toBe("198.51.100.2");
  });

  it("uses the last entry of the last X-Forwarded-For header when several are sent", () => {
    const raw = ["X-Forwarded-For", "1.1.1.1, 2.2.2.2", "Host", "x", "x-forwarded-for", "3.3.3.3,4.4.4.4 "];
    expect(clientIp("10.0.0.5", raw, true)).toBe("4.4.4.4");
  });

  it("falls back to the socket address when trusted but X-Forwarded-For is absent or empty", () => {
    expect(clientIp("10.0.0.5", ["Host", "x"], true)).toBe("10.0.0.5");
    expect(clientIp("10.0.0.5", ["X-Forwarded-For", ""], true)).toBe("10.0.0.5");
  });

  it("removes the IPv4-mapped prefix from the socket address and from X-Forwarded-For", () => {
    expect(clientIp("::ffff:127.0.0.1", [], false)).toBe("127.0.0.1");
    expect(clientIp("10.0.0.5", ["X-Forwarded-For", "::ffff:192.0.2.1"], true)).toBe("192.0.2.1");
  });

  it("leaves IPv6 addresses as they are", () => {
    expect(clientIp("::1", [], false)).toBe("::1");
    expect(clientIp("2001:db8::1", [], false)).toBe("2001:db8::1");
  });

  it('gives "" when the socket address is unknown', () => {
    expect(clientIp(undefined, [], false)).toBe("");
  });
});

describe("stripMappedPrefix", () => {
  it("turns an IPv4-mapped IPv6 address into the IPv4 address", () => {
    expect(stripMappedPrefix("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(stripMappedPrefix("::FFFF:10.1.2.3")).toBe("10.1.2.3");
  });

  it("leaves plain IPv4 and IPv6 addresses unchanged", () => {
    expect(stripMappedPrefix("127.0.0.1")).toBe("127.0.0.1");
    expect(stripMappedPrefix("::1")).toBe("::1");
    expect(stripMappedPrefix("::ffff:7f00:1")).toBe("::ffff:7f00:1");
  });
});
