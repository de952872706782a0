// Prometheus metrics (GET /metrics with METRICS_TOKEN). Without the token nothing is collected and
// prom-client is never loaded, so an instance that is not scraped pays nothing for them. The
// state lives on globalThis: Next's bundle and the custom server share one process and one set.
import type { Counter, Gauge, Histogram, Registry } from "prom-client";

interface Collectors {
  registry: Registry;
  captures: Counter<"outcome">;
  captureSeconds: Histogram;
  liveSubscribers: Gauge;
  forwardAttempts: Counter<"result">;
  storageErrors: Counter;
}

export interface GaugeSources {
  /** Captures waiting, backing off or being forwarded. */
  forwardQueueDepth(): Promise<number>;
}

const state = globalThis as unknown as { __hookscopeMetrics?: Collectors };

/** Loads prom-client and starts collecting. Called once at start-up when METRICS_TOKEN is set. */
export async function enableMetrics(sources: GaugeSources): Promise<Registry> {
  const client = await import("prom-client");
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "hookscope_" });
  state.__hookscopeMetrics = {
    registry,
    captures: new client.Counter({
      name: "hookscope_captures_total",
      help: "Requests to capture URLs by outcome: stored, or the error code they were answered with.",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    captureSeconds: new client.Histogram({
      name: "hookscope_capture_duration_seconds",
      help: "From a capture's arrival to its answer (after commit), for stored captures.",
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    liveSubscribers: new client.Gauge({
      name: "hookscope_live_subscribers",
      help: "Open live streams (inspectors, CLI followers).",
      registers: [registry],
    }),
    forwardAttempts: new client.Counter({
      name: "hookscope_forward_attempts_total",
      help: "Automatic forwarding attempts by result: answered (any status below 500), 5xx, or the error code (forward_loop and forward_queue_full for captures not sent).",
      labelNames: ["result"],
      registers: [registry],
    }),
    storageErrors: new client.Counter({
      name: "hookscope_storage_errors_total",
      help: "Operations refused because the database was unavailable (full, locked, I/O error).",
      registers: [registry],
    }),
  };
  new client.Gauge({
    name: "hookscope_forward_queue_depth",
    help: "Captures in the forwarding outbox (all instances): waiting, backing off or being forwarded.",
    registers: [registry],
    async collect() {
      this.set(await sources.forwardQueueDepth());
    },
  });
  return registry;
}

export function recordCapture(outcome: string, startedAtMs: number): void {
  const m = state.__hookscopeMetrics;
  if (!m) return;
  m.captures.inc({ outcome });
  if (outcome === "stored") m.captureSeconds.observe((Date.now() - startedAtMs) / 1000);
  else if (outcome === "storage_unavailable") m.storageErrors.inc();
}

export function recordStorageError(): void {
  state.__hookscopeMetrics?.storageErrors.inc();
}

export function recordForwardAttempt(result: { status: number | null; error: { code: string } | null } | null): void {
  const m = state.__hookscopeMetrics;
  if (!m || result === null) return;
  const label = result.error ? result.error.code : (result.status ?? 0) >= 500 ? "5xx" : "answered";
  m.forwardAttempts.inc({ result: label });
}

/** +1 when a live stream opens, -1 when it closes. */
export function recordLiveSubscriber(delta: 1 | -1): void {
  state.__hookscopeMetrics?.liveSubscribers.inc(delta);
}
