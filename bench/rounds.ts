// Rates measured in alternating rounds. The machines this runs on change speed from one minute to
// the next, so servers that are compared are measured in turn, round after round, with the same
// load, and each ratio is the median of the rounds' own ratios: a rate is only ever divided by
// another measured seconds before or after it.
import { throughput } from "./load-generator.ts";
import { cpuSeconds, jsonPosts, median } from "./support.ts";

/** Rounds of an alternation (BENCH_ROUNDS); each run lasts BENCH_SECONDS ÷ rounds, at least 3 s. */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
export const CONNECTIONS = 50;

export interface Target {
  url: string;
  pid: number;
}

/** The bare baseline and the durable floor as targets, loaded on the same kind of URL as a capture. */
export function referenceTargets(bare: Target, floor: Target): Record<"bare" | "floor", Target> {
  return {
    bare: { url: `${bare.url}/h/anything`, pid: bare.pid },
    floor: { url: `${floor.url}/h/anything`, pid: floor.pid },
  };
}

/** The capture load on one target after a warm-up, with the server's CPU time per request (all its threads). */
async function measure(target: Target, seconds: number, warmUp: number) {
  const options = jsonPosts(target.url, CONNECTIONS);
  await throughput({ ...options, duration: warmUp });
  const cpuBefore = cpuSeconds(target.pid);
  const result = await throughput({ ...options, duration: seconds });
  const cpuMicrosPerRequest = ((cpuSeconds(target.pid) - cpuBefore) * 1e6) / Math.max(1, result.total);
  return { ...result, cpuMicrosPerRequest };
}

export type Measured = Awaited<ReturnType<typeof measure>>;
export type Rounds<K extends string> = Record<K, Measured>[];

/** Every target measured once per round, in the given order, round after round. */
export async function alternate<K extends string>(targets: Record<K, Target>, seconds: number): Promise<Rounds<K>> {
  const each = Math.max(3, Math.round(seconds / ROUNDS));
  const rounds: Rounds<K> = [];
  for (let i = 0; i < ROUNDS; i++) {
    const round = {} as Record<K, Measured>;
    for (const name of Object.keys(targets) as K[]) round[name] = await measure(targets[name], each, i === 0 ? 2 : 1);
    rounds.push(round);
  }
  return rounds;
}

export const fixed = (n: number) => n.toFixed(2);

/** Each round's rate of `name` divided by its rate of `by`. */
export const ratios = <K extends string>(rounds: Rounds<K>, name: K, by: K) =>
  rounds.map((r) => r[name].requestsPerSecond / r[by].requestsPerSecond);

/** "0.61" for one round, "0.61 (rounds 0.55-0.66)" for several. */
export function ratioText(values: number[]): string {
  const m = fixed(median(values));
  return values.length > 1 ? `${m} (rounds ${fixed(Math.min(...values))}-${fixed(Math.max(...values))})` : m;
}

/** The median rate of `name` over the rounds, as "12345 req/s". */
export const reqs = <K extends string>(rounds: Rounds<K>, name: K) =>
  `${Math.round(median(rounds.map((r) => r[name].requestsPerSecond)))} req/s`;

/** Requests of `names` over every round that failed or were not answered 2xx. */
export const failed = <K extends string>(rounds: Rounds<K>, ...names: K[]) =>
  rounds.reduce((sum, r) => sum + names.reduce((s, n) => s + r[n].non2xx + r[n].errors, 0), 0);
