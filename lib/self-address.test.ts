import { afterEach, describe, expect, it } from "vitest";
import { loadEnv } from "./env.ts";
import { parseTargetUrl } from "./resend/target-url.ts";
import { isOwnCaptureUrl, rememberListenAddress } from "./self-address.ts";

/** The settings getEnv() returns in this process (it reads them once, into this slot). */
const settings = globalThis as unknown as { __hookscopeEnv?: ReturnType<typeof loadEnv> };

const own = (url: string) => isOwnCaptureUrl(parseTargetUrl(url));

afterEach(() => {
  settings.__hookscopeEnv = loadEnv({});
});

describe("isOwnCaptureUrl, listening on 127.0.0.1:3000", () => {
  settings.__hookscopeEnv = loadEnv({});

  it.each([
    "http://127.0.0.1:3000/h/tok",
    "http://localhost:3000/h/tok/sub?x=1",
    "http://LOCALHOST:3000/h/tok",
    "http://localhost.:3000/h/tok",
    "http://app.localhost:3000/h/tok",
    "http://[::1]:3000/h/tok",
    "http://[::ffff:127.0.0.1]:3000/h/tok",
    "http://[::ffff:7f00:2]:3000/h/tok",
    "http://127.0.0.2:3000/h/tok",
    "http://127.1:3000/h/tok",
    "http://0.0.0.0:3000/h/tok",
    "http://[::]:3000/h/tok",
    "http://0:3000/h",
  ])("refuses %s", (url) => {
    rememberListenAddress("127.0.0.1", 3000);
    expect(own(url)).toBe(true);
  });

  it.each([
    "http://127.0.0.1:3001/h/tok",
    "http://127.0.0.1:3000/api/bins",
    "http://127.0.0.1:3000/hx/tok",
    "http://example.com:3000/h/tok",
    "http://10.0.0.1:3000/h/tok",
  ])("lets %s through", (url) => {
    rememberListenAddress("127.0.0.1", 3000);
    expect(own(url)).toBe(false);
  });
});

describe("isOwnCaptureUrl, other listen addresses", () => {
  it("matches the listen address however it is written", () => {
    rememberListenAddress("192.168.1.5", 8080);
    expect(own("http://192.168.1.5:8080/h/tok")).toBe(true);
    expect(own("http://[::ffff:192.168.1.5]:8080/h/tok")).toBe(true);
    expect(own("http://192.168.1.5.:8080/h/tok")).toBe(true);
    expect(own("http://192.168.1.6:8080/h/tok")).toBe(false);
  });

  it("takes any host on the port when listening on every interface", () => {
    rememberListenAddress("0.0.0.0", 8080);
    expect(own("http://203.0.113.7:8080/h/tok")).toBe(true);
    rememberListenAddress("::", 8080);
    expect(own("http://my-host.lan:8080/h/tok")).toBe(true);
    expect(own("http://my-host.lan:8081/h/tok")).toBe(false);
  });

  it("matches PUBLIC_URL's host and port, with or without the trailing dot", () => {
    rememberListenAddress("127.0.0.1", 3000);
    settings.__hookscopeEnv = loadEnv({ PUBLIC_URL: "https://Hooks.Example.com" });
    expect(own("https://hooks.example.com/h/tok")).toBe(true);
    expect(own("https://hooks.example.com./h/tok")).toBe(true);
    expect(own("http://hooks.example.com:443/h/tok")).toBe(true);
    expect(own("http://hooks.example.com/h/tok")).toBe(false);
    expect(own("https://hooks.example.com/hooks")).toBe(false);
  });

  it("matches CAPTURE_URL's host and port, the host capture URLs are given", () => {
    rememberListenAddress("127.0.0.1", 3000);
    settings.__hookscopeEnv = loadEnv({
      PUBLIC_URL: "https://hooks.example.com",
      CAPTURE_URL: "https://in.hooks.example.com:8443",
    });
    expect(own("https://in.hooks.example.com:8443/h/tok")).toBe(true);
    expect(own("https://IN.hooks.example.com.:8443/h/tok/sub")).toBe(true);
    expect(own("https://in.hooks.example.com/h/tok")).toBe(false);
  });
});
