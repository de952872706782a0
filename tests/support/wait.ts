// Waits for a capture (GET /api/bins/{key}/requests/wait) on a server started with
// WAIT_MAX_PER_BIN=1, where a test must know that its wait is in progress before it captures.
import type { RequestRecord } from "../../lib/requests/types.ts";
import { api } from "./http.ts";

export type WaitAnswer = { status: number; json: RequestRecord & { error?: { code: string; message: string } } };

const wait = (base: string, key: string, query: string, signal?: AbortSignal): Promise<WaitAnswer> =>
  api<WaitAnswer["json"]>(base, `/api/bins/${key}/requests/wait${query}`, { signal });

/** A wait on the bin, tried again while a probe of untilWaiting holds the bin's one place. */
export async function waitAlone(base: string, key: string, query: string, signal?: AbortSignal): Promise<WaitAnswer> {
  for (;;) {
    const answer = await wait(base, key, query, signal);
    if (answer.status !== 429) return answer;
  }
}

/**
 * Resolves once a wait is in progress on the bin: until then a probe (which looks at what is
 * stored and answers at once) gets in; after, it is refused with 429.
 */
export async function untilWaiting(base: string, key: string): Promise<void> {
  for (;;) {
    const probe = await wait(base, key, "?timeout=0&path=/probe-never-sent");
    if (probe.status === 429) return;
    if (probe.status !== 408) throw new Error(`a probe of the wait answered ${probe.status}, not 408 or 429`);
  }
}
