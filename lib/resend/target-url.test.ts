import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { parseTargetUrl } from "./target-url.ts";

const refusal = (input: string) => {
  try {
    parseTargetUrl(input);
  } catch (err) {
    return err instanceof ApiError ? err.code : "other";
  }
  return null;
};

describe("parseTargetUrl", () => {
  it("uses the path and query exactly as written", () => {
    expect(parseTargetUrl("http://example.com/a/../b/%2f?x=%20&y=a+b#frag")).toMatchObject({
      protocol: "http:",
      hostname: "example.com",
      port: 80,
      host: "example.com",
      path: "/a/../b/%2f?x=%20&y=a+b",
      credentials: null,
    });
  });

  it("fills an empty path, keeps ports and unbrackets IPv6", () => {
    expect(parseTargetUrl("https://example.com")).toMatchObject({ path: "/", port: 443, host: "example.com" });
    expect(parseTargetUrl("http://example.com?q=1")).toMatchObject({ path: "/?q=1" });
    expect(parseTargetUrl("http://[::1]:8080/x")).toMatchObject({ hostname: "::1", port: 8080, host: "[::1]:8080" });
    expect(parseTargetUrl("HTTP://Example.COM:80/X")).toMatchObject({ hostname: "example.com", host: "example.com" });
  });

  it("normalises numeric IPv4 forms so that the safety check sees the real address", () => {
    expect(parseTargetUrl("http://2130706433/").hostname).toBe("127.0.0.1");
    expect(parseTargetUrl("http://0x7f.1/").hostname).toBe("127.0.0.1");
  });

  it("percent-encodes non-ASCII characters and decodes credentials", () => {
    expect(parseTargetUrl("http://example.com/café?q=☕").path).toBe("/caf%C3%A9?q=%E2%98%95");
    expect(parseTargetUrl("http://us%40er:p%3Ass@example.com/").credentials).toBe("us@er:p:ss");
  });

  it("refuses what is not an absolute http(s) URL", () => {
    expect(refusal("not a url")).toBe("invalid_url");
    expect(refusal("example.com/hook")).toBe("invalid_url");
    expect(refusal("ftp://example.com/")).toBe("invalid_url");
    expect(refusal("file:///etc/passwd")).toBe("invalid_url");
    expect(refusal("http:example.com")).toBe("invalid_url");
    expect(refusal("http://exa\\mple.com/")).toBe("invalid_url");
    expect(refusal("http://example.com/a\r\nX-Injected: 1")).toBe("invalid_url");
  });
});
