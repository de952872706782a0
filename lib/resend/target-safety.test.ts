import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { addressRange, guardedLookup, isPublicAddress, type ResolveAll, TargetRefusedError } from "./target-safety.ts";

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fd00::1", "uniqueLocal"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["100.64.0.1", "carrierGradeNat"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["::ffff:10.0.0.1", "private"],
    ["64:ff9b::a00:1", "private"],
    ["2002:a00:1::1", "private"],
    ["::127.0.0.1", "loopback"],
  ])("refuses %s (%s)", (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:93.184.215.14", "2002:5db8:d70e::1"])(
    "allows public unicast %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it("refuses anything that is not an address", () => {
    expect(isPublicAddress("example.com")).toBe(false);
    expect(isPublicAddress("")).toBe(false);
  });
});

describe("guardedLookup", () => {
  const fakeDns =
    (table: Record<string, LookupAddress[]>): ResolveAll =>
    (hostname, _options, callback) =>
      setImmediate(() => {
        const addresses = table[hostname];
        if (addresses) callback(null, addresses);
        else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
      });
  const lookup = guardedLookup(
    fakeDns({
      "public.test": [{ address: "93.184.215.14", family: 4 }],
      "mixed.test": [
        { address: "93.184.215.14", family: 4 },
        { address: "10.1.2.3", family: 4 },
      ],
      "metadata.test": [{ address: "169.254.169.254", family: 4 }],
    }),
  );
  const run = (hostname: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      lookup(hostname, { all }, (err, address, family) => resolve({ err, address, family })),
    );

  it("answers with the addresses when all are public, in the shape asked for", async () => {
    expect(await run("public.test", true)).toMatchObject({ err: null, address: [{ address: "93.184.215.14" }] });
    expect(await run("public.test", false)).toMatchObject({ err: null, address: "93.184.215.14", family: 4 });
  });

  it("fails when any resolved address is refused", async () => {
    const mixed = await run("mixed.test", true);
    expect(mixed.err).toBeInstanceOf(TargetRefusedError);
    expect(mixed.err?.message).toMatch(/10\.1\.2\.3.*private/);
    const metadata = await run("metadata.test", false);
    expect(metadata.err?.message).toMatch(/169\.254\.169\.254.*link-local.*RESEND_ALLOW_PRIVATE/);
  });

  it("passes DNS failures through", async () => {
    expect((await run("missing.test", true)).err?.code).toBe("ENOTFOUND");
  });
});
