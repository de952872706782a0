import { describe, expect, it } from "vitest";
import { parseUrlEncoded } from "./form.ts";

describe("parseUrlEncoded", () => {
  it("keeps fields in body order with duplicates", () => {
    expect(parseUrlEncoded("b=2&a=1&b=3")).toEqual([
      ["b", "2"],
      ["a", "1"],
      ["b", "3"],
    ]);
  });

  it("decodes percent-escapes and + as a space", () => {
    // A Slack slash-command payload shape.
    expect(
      parseUrlEncoded("command=%2Fdeploy&text=api+to+prod&response_url=https%3A%2F%2Fhooks.slack.com%2Fx"),
    ).toEqual([
      ["command", "/deploy"],
      ["text", "api to prod"],
      ["response_url", "https://hooks.slack.com/x"],
    ]);
  });

  it("keeps empty names and values, and names without =", () => {
    expect(parseUrlEncoded("=v&k=&flag")).toEqual([
      ["", "v"],
      ["k", ""],
      ["flag", ""],
    ]);
  });

  it("does not treat a leading ? as part of a name", () => {
    expect(parseUrlEncoded("?a=1")).toEqual([["a", "1"]]);
  });

  it("returns no fields for an empty body", () => {
    expect(parseUrlEncoded("")).toEqual([]);
  });
});
