import { describe, expect, it } from "vitest";
import { MAX_FILLED_CHARS, MAX_TEMPLATE_TAGS, parseTemplate, renderTemplate, TemplateError } from "./template.ts";
import { testRequest } from "./test-request.ts";

const request = testRequest({
  method: "POST",
  path: "/meta/hook",
  query: "hub.mode=subscribe&hub.challenge=1158201444&text=%3Cb%3E+%26",
  headers: [
    ["Content-Type", "application/json"],
    ["X-Trace", "first"],
    ["x-trace", "second"],
  ],
  body: '{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","list":[1,2]},"n":3,"html":"<i>&</i>"}',
});

describe("renderTemplate", () => {
  it("fills query parameters whose keys have dots, headers in any case, JSON pointers and the request", () => {
    expect(renderTemplate("{{query.hub.challenge}}", request)).toBe("1158201444");
    expect(renderTemplate("{{header.x-trace}}|{{header.X-TRACE}}", request)).toBe("first|first");
    expect(renderTemplate("{{json./payload/plainToken}} {{json./n}} {{json./payload/list}}", request)).toBe(
      "qgg8vlvZRS6UYooatFL8Aw 3 [1,2]",
    );
    expect(renderTemplate("{{request.method}} {{request.path}} {{request.id}}", request)).toBe(
      "POST /meta/hook 0197a2b4-0000-7000-8000-000000000001",
    );
    expect(renderTemplate("{{request.query}}", request)).toBe(request.request.query);
    expect(renderTemplate("{{request.body}}", request)).toBe(request.text);
  });

  it("reads form fields of a urlencoded body only", () => {
    const form = testRequest({
      headers: [["content-type", "application/x-www-form-urlencoded; charset=utf-8"]],
      body: "token=abc&challenge=x+y%21",
    });
    expect(renderTemplate("{{form.challenge}}", form)).toBe("x y!");
    expect(renderTemplate("{{form.challenge}}", testRequest({ body: "challenge=x" }))).toBe("");
  });

  it("does not HTML-escape (answers are not HTML)", () => {
    expect(renderTemplate("{{query.text}} {{json./html}}", request)).toBe("<b> & <i>&</i>");
  });

  it("renders missing values and unknown names empty", () => {
    expect(
      renderTemplate(
        "[{{query.nope}}][{{header.nope}}][{{json./nope}}][{{form.nope}}][{{nope}}][{{signature}}]",
        request,
      ),
    ).toBe("[][][][][][]");
    expect(renderTemplate("[{{json./x}}]", testRequest({ body: "not json" }))).toBe("[]");
  });

  it("fills the signature when the rule has one", () => {
    expect(renderTemplate("sha256={{signature}}", request, { signature: "abc" })).toBe("sha256=abc");
  });

  it("reaches nothing but the request: prototypes, globals, the environment, lambdas, partials", () => {
    const hostile = [
      "{{constructor}}",
      "{{__proto__}}",
      "{{query.constructor.constructor}}",
      "{{request.constructor}}",
      "{{request.__proto__.toString}}",
      "{{json./constructor}}",
      "{{json./__proto__}}",
      "{{json./payload/__proto__/constructor}}",
      "{{header.constructor}}",
      "{{process.env.HOME}}",
      "{{globalThis}}",
      "{{.}}",
      "{{> partial}}",
      "{{#request}}{{id}}{{/request}}",
      "{{#query.hub.mode}}{{length}}{{constructor}}{{/query.hub.mode}}",
      "{{{constructor.constructor}}}",
      "{{&__proto__}}",
    ];
    for (const template of hostile) expect(renderTemplate(template, request), template).toBe("");
  });

  it("renders a section over a value once, never looping", () => {
    expect(renderTemplate("{{#json./payload/list}}x{{/json./payload/list}}", request)).toBe("x");
    expect(renderTemplate("{{#query.nope}}x{{/query.nope}}{{^query.nope}}none{{/query.nope}}", request)).toBe("none");
  });

  it("bounds what a template can fill in", () => {
    const big = testRequest({ body: "x".repeat(MAX_FILLED_CHARS + 10) });
    const rendered = renderTemplate("{{request.body}}{{request.body}}{{request.body}}", big);
    expect(rendered.length).toBe(MAX_FILLED_CHARS);
    expect(() => parseTemplate("{{a}}".repeat(MAX_TEMPLATE_TAGS + 1))).toThrow(TemplateError);
    expect(renderTemplate("{{request.method}}".repeat(MAX_TEMPLATE_TAGS + 1), request)).toBe("");
  });

  it("refuses a template that does not parse", () => {
    expect(() => parseTemplate("{{#open}}never closed")).toThrow(TemplateError);
    expect(renderTemplate("{{#open}}never closed", request)).toBe("");
  });
});
