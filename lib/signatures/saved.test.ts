import { describe, expect, it } from "vitest";
import { parseSavedSecrets, publicSavedSecrets, withoutSavedSecret, withSavedSecret } from "./saved.ts";

describe("saved signing secrets", () => {
  it("keeps one secret per scheme, in the order the schemes are listed", () => {
    let saved = withSavedSecret([], { scheme: "slack", secret: "slack-secret-0001" });
    saved = withSavedSecret(saved, { scheme: "stripe", secret: "whsec_first_secret" });
    saved = withSavedSecret(saved, { scheme: "stripe", secret: "whsec_second_secret" });
    expect(saved).toEqual([
      { scheme: "stripe", secret: "whsec_second_secret" },
      { scheme: "slack", secret: "slack-secret-0001" },
    ]);
    expect(withoutSavedSecret(saved, "stripe")).toEqual([{ scheme: "slack", secret: "slack-secret-0001" }]);
  });

  it("shows each secret only masked, options as saved", () => {
    const options = { toleranceSeconds: 60 };
    const shown = publicSavedSecrets([
      { scheme: "stripe", secret: "whsec_0123456789abcd", options },
      { scheme: "shopify", secret: "short" },
    ]);
    expect(shown).toEqual([
      { scheme: "stripe", maskedSecret: "••••••abcd", options },
      { scheme: "shopify", maskedSecret: "••••••" },
    ]);
    expect(JSON.stringify(shown)).not.toContain("0123456789");
  });

  it("reads an unreadable column as nothing saved", () => {
    const saved = [{ scheme: "github-sha256", secret: "gh-secret" }];
    expect(parseSavedSecrets(JSON.stringify(saved))).toEqual(saved);
    expect(parseSavedSecrets("not json")).toEqual([]);
    expect(parseSavedSecrets('[{"scheme":"nope","secret":"x"}]')).toEqual([]);
  });
});
