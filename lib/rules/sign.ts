// The signature a rule's answer can quote as {{signature}}: an HMAC of the rendered input, keyed
// with the secret stored with the rule (Zoom's and X's challenge answers are built this way).
import { createHmac } from "node:crypto";
import type { RequestView } from "./request-view.ts";
import type { RuleAnswer } from "./schema.ts";
import { renderTemplate } from "./template.ts";

export function signAnswer(sign: NonNullable<RuleAnswer["sign"]>, view: RequestView): string {
  // A rule is stored with its secret or refused; without one there is nothing to sign with.
  if (!sign.secret) return "";
  return createHmac(sign.algorithm, sign.secret).update(renderTemplate(sign.input, view), "utf8").digest(sign.encoding);
}
