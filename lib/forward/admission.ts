// Which captures of a forwarding bin enter the outbox, decided inside the capture's transaction
// from what the outbox holds. Each bin holds at most perBin captures and all bins together max.
// When the whole outbox is full, a bin with fewer captures waiting than the longest lane still
// gets room, taken from that lane's newest capture: otherwise a few bins with dead targets, each
// within its own bound, could fill the outbox and starve every other bin.

export type Admission = "queued" | "evict" | "bin_full" | "queue_full" | "loop";

export interface OutboxState {
  /** Captures of this bin in the outbox. */
  binCount: number;
  /** Captures of all bins in the outbox. */
  total: number;
  perBin: number;
  max: number;
  /** The bin with the most captures waiting, when the outbox is full; null when not looked up. */
  longest: { binId: string; count: number } | null;
}

/**
 * One verdict per capture, in order. `loop`: the capture came from a Hookscope resend or forward
 * (X-Hookscope-Hop) and is never forwarded again. `evict`: queued, in place of the longest lane's
 * newest capture. `state` is updated as captures are admitted.
 */
export function admitForwards(binId: string, hops: readonly boolean[], state: OutboxState): Admission[] {
  return hops.map((hop) => {
    if (hop) return "loop";
    if (state.binCount >= state.perBin) return "bin_full";
    if (state.total < state.max) {
      state.binCount++;
      state.total++;
      return "queued";
    }
    const longest = state.longest;
    if (longest && longest.binId !== binId && longest.count > state.binCount + 1) {
      longest.count--;
      state.binCount++;
      return "evict";
    }
    return "queue_full";
  });
}

/** Whether the longest lane must be looked up before admitting `candidates` more captures. */
export function needsLongest(state: Pick<OutboxState, "total" | "max">, candidates: number): boolean {
  return state.total + candidates > state.max;
}
