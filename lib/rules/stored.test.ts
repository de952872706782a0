import { describe, expect, it } from "vitest";
import { type Rule, rulesSchema } from "./schema.ts";
import { parseStoredRules, prepareRules, publicRules } from "./stored.ts";

const sent = (input: unknown) => rulesSchema.parse(input);
const signed = { body: "{{signature}}", sign: { input: "{{query.crc_token}}", secret: "consumer-secret-c0de" } };

describe("prepareRules", () => {
  it("assigns ids to rules sent without one, and refuses ids used twice", () => {
    const [a, b] = prepareRules(sent([{}, { id: "kept" }]), [], 120);
    expect(a?.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(b?.id).toBe("kept");
    expect(() => prepareRules(sent([{ id: "x" }, { id: "x" }]), [], 120)).toThrow(/rules\.1: the id "x"/);
  });

  it("keeps the stored secret of a rule sent back without one, and refuses a sign with no secret at all", () => {
    const [stored] = prepareRules(sent([{ id: "x", answer: signed }]), [], 120) as [Rule];
    const shown = publicRules([stored]);
    expect(JSON.stringify(shown)).not.toContain("consumer-secret-c0de");
    expect(shown[0]?.answer.sign?.maskedSecret).toBe("••••••c0de");
    const [again] = prepareRules(sent(shown), [stored], 120);
    expect(again?.answer.sign?.secret).toBe("consumer-secret-c0de");
    expect(again?.answer.sign?.maskedSecret).toBeUndefined();
    const renamed = sent([{ ...shown[0], id: "other" }]);
    expect(() => prepareRules(renamed, [stored], 120)).toThrow(/rules\.0: answer\.sign needs a secret/);
  });

  it("refuses templates that do not parse, bad paths and timeouts over the bound", () => {
    expect(() => prepareRules(sent([{ answer: { body: "{{#a}}" } }]), [], 120)).toThrow(/rules\.0: answer\.body/);
    expect(() => prepareRules(sent([{ answer: { headers: [["X-A", "{{/a}}"]] } }]), [], 120)).toThrow(
      /answer\.headers/,
    );
    expect(() => prepareRules(sent([{ match: { path: "no-slash" } }]), [], 120)).toThrow(/match\.path/);
    const timeout = sent([{ drill: { when: { kind: "always" }, failure: { kind: "timeout", seconds: 121 } } }]);
    expect(() => prepareRules(timeout, [], 120)).toThrow(/RULE_TIMEOUT_MAX_SECONDS/);
  });
});

describe("parseStoredRules", () => {
  it("reads what prepareRules made, and nothing from an unreadable column", () => {
    const rules = prepareRules(sent([{ name: "a", answer: signed }]), [], 120);
    expect(parseStoredRules(JSON.stringify(rules))).toEqual(rules);
    expect(parseStoredRules("not json")).toEqual([]);
    expect(parseStoredRules('[{"bogus":1}]')).toEqual([]);
  });
});
