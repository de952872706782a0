import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../requests/types.ts";
import { toSnippet } from "./snippet.ts";
import { SNIPPET_TARGETS } from "./targets.ts";

const record: RequestRecord = {
  id: "01a22851-1d5a-742f-af8e-736d7a97025a",
  seq: 1,
  method: "POST",
  path: "/x",
  query: "sp=%20x+y&flag&a=1&a=2",
  contentType: "application/json",
  bodySize: 13,
  ip: "127.0.0.1",
  receivedAt: "2026-01-01T00:00:00.000Z",
  deliveryKey: null,
  attempt: 1,
  answer: null,
  url: "/h/TOKEN/x?sp=%20x+y&flag&a=1&a=2",
  httpVersion: "1.1",
  headers: [
    ["Host", "in.example"],
    ["Content-Type", "application/json"],
    ["X-Dup", "1"],
    ["x-dup", "2"],
    ["Transfer-Encoding", "chunked"],
  ],
  bodyText: '{"a":"\\\\n"}',
};
const options = { origin: "https://in.example", bodyUrl: "https://app.example/api/bins/K/requests/1/body" };

describe("code snippets", () => {
  it("keep the query exactly as captured in every target (httpsnippet would re-encode it)", () => {
    for (const { id } of SNIPPET_TARGETS) {
      expect(toSnippet(id, record, options)).toContain("https://in.example/h/TOKEN/x?sp=%20x+y&flag&a=1&a=2");
    }
  });

  it("join duplicate headers into one line and leave out framing headers", () => {
    const code = toSnippet("python", record, options);
    expect(code).toContain('"X-Dup": "1, 2"');
    expect(code).not.toMatch(/Transfer-Encoding|"Host"/);
  });

  it("quote the body text themselves, backslashes included, and never re-serialise JSON", () => {
    expect(toSnippet("node", record, options)).toContain(`body: ${JSON.stringify(record.bodyText)}`);
    expect(toSnippet("python", record, options)).toContain('data=payload.encode("utf-8")');
    expect(toSnippet("httpie", record, options)).toMatch(/^printf '%s' '\{"a":"\\\\n"\}' \|/);
  });
});
