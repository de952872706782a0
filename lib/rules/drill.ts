// Whether a rule's failure drill fires for this request.
import type { RuleDrill } from "./schema.ts";

/** A number in [0, 1); Math.random in the capture path, a fixed source in tests. */
export type RandomSource = () => number;

/** `attempt` is the request's delivery attempt of its event (1 for the first). */
export function drillFires(drill: RuleDrill, attempt: number, random: RandomSource): boolean {
  switch (drill.when.kind) {
    case "always":
      return true;
    case "first":
      return attempt <= drill.when.count;
    case "percent":
      return random() * 100 < drill.when.percent;
  }
}

/** True when the drill needs the delivery attempt, which costs a lookup per request. */
export function needsAttempt(drill: RuleDrill | null): boolean {
  return drill?.when.kind === "first";
}
