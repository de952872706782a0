import { describe, expect, it } from "vitest";
import { bodyBytes, parseAnswer, type RecordRow, toRecord, toSummary } from "./serialize.ts";

describe("bodyBytes", () => {
  it("gives the exact UTF-8 bytes of a text body, BOM and multi-byte characters included", () => {
    const bom = [0xef, 0xbb, 0xbf];
    const text = Buffer.from("hé€😀", "utf8"); // 2-, 3- and 4-byte characters
    const original = Buffer.concat([Buffer.from(bom), text]);
    expect(original.length).toBe(3 + 1 + 2 + 3 + 4);
    const row = { bodyText: original.toString("utf8"), body: null };
    expect(bodyBytes(row).equals(original)).toBe(true);
  });

  it("gives the blob's bytes exactly when the body is binary", () => {
    const blob = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x0a]);
    expect([...bodyBytes({ bodyText: null, body: blob })]).toEqual([0xff, 0xfe, 0x00, 0x80, 0x0a]);
  });

  it("gives the blob's own bytes when it is a view into a larger buffer", () => {
    const view = new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 3);
    expect([...bodyBytes({ bodyText: null, body: view })]).toEqual([2, 3]);
  });

  it("gives no bytes for an empty text body or no body at all", () => {
    expect(bodyBytes({ bodyText: "", body: null }).length).toBe(0);
    expect(bodyBytes({ bodyText: null, body: null }).length).toBe(0);
  });
});

describe("toRecord", () => {
  const row: RecordRow = {
    id: "0190b1d2-0000-7000-8000-000000000001",
    seq: 7,
    method: "POST",
    path: "/a%2Fb",
    query: "x=1&x=2",
    contentType: null,
    bodySize: 2,
    ip: "127.0.0.1",
    receivedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
    deliveryKey: "github:72d3162e-cc78-11e3-81ab-4c9367dc0958",
    attempt: 2,
    answer: null,
    url: "/h/T/a%2Fb?x=1&x=2",
    httpVersion: "1.1",
    headers: JSON.stringify([
      ["Host", "x"],
      ["X-Dup", "1"],
      ["x-dup", "2"],
    ]),
    bodyText: "{}",
  };

  it("parses the headers back into pairs, in order and with duplicates", () => {
    expect(toRecord(row).headers).toEqual([
      ["Host", "x"],
      ["X-Dup", "1"],
      ["x-dup", "2"],
    ]);
  });

  it("gives the summary fields plus url, httpVersion and bodyText, with time in ISO UTC", () => {
    expect(toRecord(row)).toEqual({
      id: row.id,
      seq: 7,
      method: "POST",
      path: "/a%2Fb",
      query: "x=1&x=2",
      contentType: null,
      bodySize: 2,
      ip: "127.0.0.1",
      receivedAt: "2026-01-02T03:04:05.006Z",
      deliveryKey: "github:72d3162e-cc78-11e3-81ab-4c9367dc0958",
      attempt: 2,
      answer: null,
      url: "/h/T/a%2Fb?x=1&x=2",
      httpVersion: "1.1",
      headers: [
        ["Host", "x"],
        ["X-Dup", "1"],
        ["x-dup", "2"],
      ],
      bodyText: "{}",
    });
  });

  it("leaves the record-only fields out of the summary", () => {
    expect(Object.keys(toSummary(row)).sort()).toEqual(
      [
        "id",
        "seq",
        "method",
        "path",
        "query",
        "contentType",
        "bodySize",
        "ip",
        "receivedAt",
        "deliveryKey",
        "attempt",
        "answer",
      ].sort(),
    );
  });
});

describe("parseAnswer", () => {
  it("reads an answer record written by the capture path", () => {
    const record = { ruleId: "r1", ruleName: "Fail twice", status: 503, failure: "status" };
    expect(parseAnswer(JSON.stringify(record))).toEqual(record);
    const timeout = { ruleId: "r2", ruleName: "", status: null, failure: "timeout" };
    expect(parseAnswer(JSON.stringify(timeout))).toEqual(timeout);
    const byDefault = { ruleId: null, ruleName: null, status: 200, failure: null };
    expect(parseAnswer(JSON.stringify(byDefault))).toEqual(byDefault);
  });

  it("keeps only the record's fields", () => {
    const text = JSON.stringify({ ruleId: "r1", ruleName: "x", status: 200, failure: null, extra: "<b>" });
    expect(parseAnswer(text)).toEqual({ ruleId: "r1", ruleName: "x", status: 200, failure: null });
  });

  it("is null for no answer or one that cannot be read as a record", () => {
    for (const text of [
      null,
      "",
      "not json",
      "null",
      "[]",
      '"text"',
      '{"ruleId":1,"ruleName":null,"status":200,"failure":null}',
      '{"ruleId":null,"ruleName":null,"status":"200","failure":null}',
      '{"ruleId":null,"ruleName":null,"status":200.5,"failure":null}',
      '{"ruleId":null,"ruleName":null,"status":200,"failure":"explode"}',
      '{"ruleId":null,"ruleName":null,"status":200}',
    ]) {
      expect(parseAnswer(text), String(text)).toBeNull();
    }
  });
});
