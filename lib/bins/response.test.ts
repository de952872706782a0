import { describe, expect, it } from "vitest";
import { binResponseSchema, defaultBinResponse, parseStoredResponse } from "./response.ts";

const rejects = (input: unknown) =>
  expect(binResponseSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);

describe("binResponseSchema", () => {
  it("fills every field with its default from {}", () => {
    expect(binResponseSchema.parse({})).toEqual({ status: 200, headers: [], body: null, delayMs: 0, cors: true });
  });

  it("keeps a full valid response as given", () => {
    const response = {
      status: 418,
      headers: [
        ["X-One", "1"],
        ["x-one", "2"],
      ],
      body: "teapot",
      delayMs: 30_000,
      cors: false,
    };
    expect(binResponseSchema.parse(response)).toEqual(response);
  });

  it("accepts statuses 200 through 599 only, whole numbers", () => {
    expect(binResponseSchema.parse({ status: 599 }).status).toBe(599);
    rejects({ status: 99 });
    rejects({ status: 199 });
    rejects({ status: 600 });
    rejects({ status: 1.5 });
    rejects({ status: "200" });
  });

  it("refuses header names that are not HTTP tokens", () => {
    rejects({ headers: [["X Foo", "v"]] });
    rejects({ headers: [["X:Foo", "v"]] });
    rejects({ headers: [["", "v"]] });
  });

  it("refuses header values with line breaks or control characters", () => {
    rejects({ headers: [["X-Foo", "a\r\nSet-Cookie: x=1"]] });
    rejects({ headers: [["X-Foo", "a\nb"]] });
    rejects({ headers: [["X-Foo", "a\u0000b"]] });
  });

  it("refuses headers the server sets itself, whatever their case", () => {
    rejects({ headers: [["content-length", "5"]] });
    rejects({ headers: [["Transfer-Encoding", "chunked"]] });
    rejects({ headers: [["Connection", "close"]] });
  });

  it("refuses unknown keys", () => {
    rejects({ status: 200, colour: "blue" });
  });

  it("refuses a negative delay or one over 30 seconds", () => {
    rejects({ delayMs: 30_001 });
    rejects({ delayMs: -1 });
  });
});

describe("parseStoredResponse", () => {
  it("reads a stored response, defaulting missing fields", () => {
    expect(parseStoredResponse('{"status":201,"body":"made"}')).toEqual({
      ...defaultBinResponse,
      status: 201,
      body: "made",
    });
  });

  it("falls back to the default response for garbage JSON", () => {
    expect(parseStoredResponse("{not json")).toEqual({ status: 200, headers: [], body: null, delayMs: 0, cors: true });
    expect(parseStoredResponse("")).toEqual(defaultBinResponse);
  });

  it("falls back to the default response for JSON that fails validation", () => {
    expect(parseStoredResponse('{"status":99}')).toEqual(defaultBinResponse);
    expect(parseStoredResponse("null")).toEqual(defaultBinResponse);
  });
});

describe("headers that would act on the app's origin", () => {
  const originWide = [
    "Clear-Site-Data",
    "Refresh",
    "NEL",
    "Report-To",
    "Reporting-Endpoints",
    "Service-Worker-Allowed",
    "Strict-Transport-Security",
    "Link",
    "Alt-Svc",
    "Set-Cookie",
  ];

  it.each(originWide)("refuses %s in a configured answer, in any case", (name) => {
    rejects({ headers: [[name, "x"]] });
    rejects({ headers: [[name.toUpperCase(), "x"]] });
  });

  it("keeps Location, so senders' redirect handling can be tested", () => {
    expect(binResponseSchema.parse({ status: 302, headers: [["Location", "https://example.com/"]] }).headers).toEqual([
      ["Location", "https://example.com/"],
    ]);
  });

  it("drops refused headers from an answer stored before they were refused, and keeps the rest", () => {
    const stored = JSON.stringify({
      status: 202,
      headers: [
        ["Clear-Site-Data", '"*"'],
        ["X-Kept", "yes"],
        ["refresh", "0;url=https://evil.example"],
      ],
      body: "ok",
      delayMs: 0,
      cors: true,
    });
    expect(parseStoredResponse(stored)).toEqual({
      status: 202,
      headers: [["X-Kept", "yes"]],
      body: "ok",
      delayMs: 0,
      cors: true,
    });
  });
});
