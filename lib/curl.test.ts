import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellQuote, toCurl } from "./curl";
import type { RequestRecord } from "./requests/types";

const record = (over: Partial<RequestRecord> = {}): RequestRecord => ({
  id: "01a21503-ca76-79a7-8497-918383b50c1a",
  seq: 1,
  method: "POST",
  path: "/stripe",
  query: "a=1&a=2",
  contentType: "application/json",
  bodySize: 17,
  ip: "127.0.0.1",
  receivedAt: "2026-11-25T23:21:39.697Z",
  deliveryKey: null,
  attempt: 1,
  answer: null,
  url: "/h/TOKEN/stripe?a=1&a=2",
  httpVersion: "1.1",
  headers: [
    ["Host", "hooks.example"],
    ["Content-Type", "application/json"],
    ["X-Dup", "1"],
    ["x-dup", "2"],
    ["Content-Length", "17"],
  ],
  bodyText: '{"hello":"world"}',
  ...over,
});

const options = { origin: "https://hooks.example", bodyUrl: "https://hooks.example/api/bins/T/requests/ID/body" };

/** Lets a real shell parse the command and returns the argv curl would get. */
function argvOf(command: string): string[] {
  const out = execFileSync("sh", ["-c", `printf '%s\\0' ${command.replace(/^curl /, "")}`]);
  return out.toString("utf8").split("\0").slice(0, -1);
}

describe("shellQuote", () => {
  it("survives a real shell for quotes, dollars, backticks and newlines", () => {
    const value = `it's $HOME \`id\` "q" \\ \n line2`;
    expect(argvOf(`curl ${shellQuote(value)}`)).toEqual([value]);
  });
});

describe("toCurl", () => {
  it("reproduces method, URL, headers in order with duplicates, and the exact body", () => {
    const command = toCurl(record(), options);
    expect(argvOf(command)).toEqual([
      "-X",
      "POST",
      "https://hooks.example/h/TOKEN/stripe?a=1&a=2",
      "-H",
      "Content-Type: application/json",
      "-H",
      "X-Dup: 1",
      "-H",
      "x-dup: 2",
      "--data-raw",
      '{"hello":"world"}',
    ]);
  });

  it("leaves out Host and Content-Length, which curl sets itself", () => {
    const command = toCurl(record(), options);
    expect(command).not.toMatch(/Host:|Content-Length/);
  });

  it("sends a binary body from a downloaded file and says how to get it", () => {
    const command = toCurl(record({ bodyText: null, bodySize: 300 }), options);
    expect(command).toContain(`curl -o body.bin '${options.bodyUrl}'`);
    expect(command.split("\n").at(-1)).toMatch(/--data-binary @body\.bin$/);
  });

  it("uses --head for HEAD, curl's empty-header syntax, and no data flag for an empty body", () => {
    const command = toCurl(record({ method: "HEAD", bodySize: 0, bodyText: "", headers: [["X-Empty", ""]] }), options);
    expect(argvOf(command)).toEqual(["--head", "https://hooks.example/h/TOKEN/stripe?a=1&a=2", "-H", "X-Empty;"]);
  });

  it("never lets a body make curl read a local file, nor an absolute-form target pick the host", () => {
    const argv = argvOf(
      toCurl(record({ url: "http://attacker.example/h/TOKEN/x", bodyText: "@/home/u/.ssh/id_rsa" }), options),
    );
    expect(argv).toContain("https://hooks.example/h/TOKEN/x");
    expect(argv.slice(-2)).toEqual(["--data-raw", "@/home/u/.ssh/id_rsa"]);
  });

  it("keeps a multi-line body with quotes intact", () => {
    const body = 'line 1\nit\'s "quoted"\n$(not run)';
    const argv = argvOf(toCurl(record({ bodyText: body }), options));
    expect(argv.at(-1)).toBe(body);
  });
});
