// Live events about a bin's requests. Consumers depend on the EventBus interface only, so a
// multi-instance backend (Redis, Postgres LISTEN/NOTIFY) can replace the in-process one.

import { log } from "../log.ts";
import type { RequestSummary } from "../requests/types.ts";

export type LiveEvent =
  | { type: "request"; summary: RequestSummary }
  | { type: "deleted"; id: string }
  | { type: "cleared" };

export type LiveListener = (event: LiveEvent) => void;

export interface EventBus {
  /** Delivers the event to every current subscriber of the bin, synchronously and in order. */
  publish(token: string, event: LiveEvent): void;
  /** Subscribes to one bin's events; the returned function unsubscribes. */
  subscribe(token: string, listener: LiveListener): () => void;
  /** Number of live subscriptions for a bin (0 when none). */
  subscriberCount(token: string): number;
}

export class InProcessEventBus implements EventBus {
  readonly #listeners = new Map<string, Set<LiveListener>>();

  publish(token: string, event: LiveEvent): void {
    const set = this.#listeners.get(token);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(event);
      } catch (err) {
        log.error("live event listener failed", err);
      }
    }
  }

  subscribe(token: string, listener: LiveListener): () => void {
    let set = this.#listeners.get(token);
    if (!set) {
      set = new Set();
      this.#listeners.set(token, set);
    }
    set.add(listener);
    return () => {
      const current = this.#listeners.get(token);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.#listeners.delete(token);
    };
  }

  subscriberCount(token: string): number {
    return this.#listeners.get(token)?.size ?? 0;
  }

  /** Number of bins with at least one subscriber (for leak checks). */
  get binCount(): number {
    return this.#listeners.size;
  }
}

const globalForBus = globalThis as unknown as { __hookscopeBus?: EventBus };

/** The process's event bus, shared by the capture server and Next's route handlers. */
export function eventBus(): EventBus {
  globalForBus.__hookscopeBus ??= new InProcessEventBus();
  return globalForBus.__hookscopeBus;
}
