// Saves the whole ordered list: the API replaces the bin's rules with it.
import type { BinJson } from "@/lib/bins/types";
import type { RuleInput } from "@/lib/rules/schema";
import { fetchJson } from "@/lib/swr/fetcher";

export function saveRules(binKey: string, rules: RuleInput[]): Promise<BinJson> {
  return fetchJson<BinJson>(`/api/bins/${binKey}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ rules }),
  });
}
