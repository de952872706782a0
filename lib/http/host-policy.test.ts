import { describe, expect, it } from "vitest";
import { createHostPolicy, hostName, knownHostNames } from "./host-policy.ts";

describe("hostName", () => {
  it("drops the port, brackets, case and a trailing dot", () => {
    expect(hostName("Example.COM:3000")).toBe("example.com");
    expect(hostName("localhost.")).toBe("localhost");
    expect(hostName("[::1]:3000")).toBe("::1");
    expect(hostName("[::1]")).toBe("::1");
    expect(hostName("127.0.0.1")).toBe("127.0.0.1");
  });
});

describe("knownHostNames", () => {
  it("knows the loopback names when bound to loopback, and nothing else", () => {
    const names = knownHostNames({ HOST: "127.0.0.1" }, []);
    expect(names).toEqual(new Set(["localhost", "127.0.0.1", "::1"]));
  });

  it("adds the machine's addresses when bound to every interface", () => {
    const names = knownHostNames({ HOST: "0.0.0.0" }, ["10.1.2.3", "fe80::1"]);
    expect(names).not.toBe("any");
    expect([...(names as Set<string>)]).toEqual(expect.arrayContaining(["10.1.2.3", "fe80::1", "localhost"]));
  });

  it("adds PUBLIC_URL, CAPTURE_URL and ALLOWED_HOSTS; a star allows any name", () => {
    const names = knownHostNames(
      {
        HOST: "127.0.0.1",
        PUBLIC_URL: "https://Hooks.Example.com",
        CAPTURE_URL: "https://in.example.com:8443",
        ALLOWED_HOSTS: ["tunnel.example.net"],
      },
      [],
    );
    expect([...(names as Set<string>)]).toEqual(
      expect.arrayContaining(["hooks.example.com", "in.example.com", "tunnel.example.net"]),
    );
    expect(knownHostNames({ HOST: "127.0.0.1", ALLOWED_HOSTS: ["*"] }, [])).toBe("any");
  });
});

describe("createHostPolicy", () => {
  it("refuses a name that only resolves here (DNS rebinding) and a missing Host", () => {
    const policy = createHostPolicy({ HOST: "127.0.0.1" });
    expect(policy.isKnown("127.0.0.1:3000")).toBe(true);
    expect(policy.isKnown("rebind.attacker.example:3000")).toBe(false);
    expect(policy.isKnown(undefined)).toBe(false);
  });

  it("tells the capture host apart only when CAPTURE_URL is set", () => {
    expect(createHostPolicy({ HOST: "127.0.0.1" }).separateCaptureHost).toBe(false);
    const split = createHostPolicy({ HOST: "0.0.0.0", CAPTURE_URL: "https://in.example.com" });
    expect(split.separateCaptureHost).toBe(true);
    expect(split.isCaptureHost("IN.example.com")).toBe(true);
    expect(split.isCaptureHost("app.example.com")).toBe(false);
  });
});
