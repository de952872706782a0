// Asks the server what the given rules (not saved yet) would answer to a stored capture.
import type { HeaderPair } from "@/lib/capture/headers";
import type { RuleInput } from "@/lib/rules/schema";
import { fetchJson } from "@/lib/swr/fetcher";

export interface RulesPreview {
  rule: { id: string; name: string } | null;
  answer: { status: number; headers: HeaderPair[]; body: string; delayMs: number } | null;
  failure: null | "status" | "rate-limit" | "timeout" | "drop";
  /** Which delivery of its event the capture would be counted as. */
  attempt: number;
}

export function previewRules(binKey: string, requestId: string, rules: RuleInput[]): Promise<RulesPreview> {
  return fetchJson<RulesPreview>(`/api/bins/${binKey}/rules/preview`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ requestId, rules }),
  });
}
