import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../requests/types.ts";
import { toHarEntry } from "./entry.ts";

const record = (answer: RequestRecord["answer"]): RequestRecord => ({
  id: "01a22935-52a0-7180-b8aa-58ac1936459b",
  seq: 1,
  method: "POST",
  url: "/h/token/hook",
  path: "/hook",
  query: "",
  httpVersion: "1.1",
  headers: [["Content-Type", "application/json"]],
  contentType: "application/json",
  bodySize: 2,
  bodyText: "{}",
  ip: "127.0.0.1",
  receivedAt: "2026-11-29T12:00:00.000Z",
  deliveryKey: null,
  attempt: 1,
  answer,
});

const responseOf = (answer: RequestRecord["answer"]) =>
  toHarEntry(record(answer), Buffer.from("{}"), "http://127.0.0.1:3000").response;

describe("a HAR entry's response", () => {
  it("carries the status the capture was answered with", () => {
    const response = responseOf({ ruleId: "r1", ruleName: "fail first", status: 503, failure: "status" });
    expect(response).toMatchObject({ status: 503, httpVersion: "HTTP/1.1", headers: [] });
    expect(response.comment).toMatch(/only the status/i);
  });

  it("is status 0, as for a request that got no answer, when the connection was dropped or held", () => {
    const response = responseOf({ ruleId: "r1", ruleName: "drop", status: null, failure: "drop" });
    expect(response).toMatchObject({ status: 0, httpVersion: "" });
    expect(response.comment).toMatch(/not answered/);
  });

  it("is status 0 for a capture stored before answers were recorded", () => {
    const response = responseOf(null);
    expect(response).toMatchObject({ status: 0, httpVersion: "" });
    expect(response.comment).toMatch(/not recorded/);
  });
});
