// Live events about a bin's requests, keyed by the bin's id. Consumers depend on the EventBus
// interface only: on PostgreSQL, lib/events/postgres-bus.ts carries them across instances.

import { log } from "../log.ts";
import type { RequestSummary } from "../requests/types.ts";

export type LiveEvent =
  | { type: "request"; summary: RequestSummary }
  | { type: "deleted"; id: string }
  | { type: "cleared" };

/**
 * "Requests were stored that you may not have": the subscriber reads what it has not sent from
 * storage. upToSeq is the newest seq stored, when known (a wake-up after a lost connection has none).
 */
export type WakeEvent = { type: "wake"; upToSeq: number | null };

/**
 * "The bin's key changed, or one of its share links was revoked": a stream ends unless the key or
 * share link it was opened with still opens the bin (no secret ever travels on the bus).
 */
export type RekeyEvent = { type: "rekeyed" };

/** What the API publishes: live events for inspectors, and secret changes for the streams themselves. */
export type PublishedEvent = LiveEvent | RekeyEvent;

export type BusEvent = PublishedEvent | WakeEvent;

export type LiveListener = (event: BusEvent) => void;

export interface EventBus {
  /** Delivers the event to every current subscriber of the bin, synchronously and in order. */
  publish(binId: string, event: PublishedEvent): void;
  /** Subscribes to one bin's events; the returned function unsubscribes. */
  subscribe(binId: string, listener: LiveListener): () => void;
  /** Number of live subscriptions for a bin (0 when none). */
  subscriberCount(binId: string): number;
}

export class InProcessEventBus implements EventBus {
  readonly #listeners = new Map<string, Set<LiveListener>>();

  publish(binId: string, event: BusEvent): void {
    const set = this.#listeners.get(binId);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(event);
      } catch (err) {
        log.error("live event listener failed", err);
      }
    }
  }

  subscribe(binId: string, listener: LiveListener): () => void {
    let set = this.#listeners.get(binId);
    if (!set) {
      set = new Set();
      this.#listeners.set(binId, set);
    }
    set.add(listener);
    return () => {
      const current = this.#listeners.get(binId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.#listeners.delete(binId);
    };
  }

  subscriberCount(binId: string): number {
    return this.#listeners.get(binId)?.size ?? 0;
  }

  /** The bins with at least one subscriber. */
  binIds(): string[] {
    return [...this.#listeners.keys()];
  }

  /** Number of bins with at least one subscriber (for leak checks). */
  get binCount(): number {
    return this.#listeners.size;
  }
}

const globalForBus = globalThis as unknown as { __hookscopeBus?: EventBus };

/**
 * Makes `bus` the process's event bus. server.ts calls it before Next starts, so that Next's route
 * handlers (another bundle, sharing only globalThis) publish on the same bus.
 */
export function installEventBus(bus: EventBus): void {
  globalForBus.__hookscopeBus = bus;
}

/** The process's event bus, shared by the capture server and Next's route handlers. */
export function eventBus(): EventBus {
  globalForBus.__hookscopeBus ??= new InProcessEventBus();
  return globalForBus.__hookscopeBus;
}
