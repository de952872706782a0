// Messages between the capture writer (main thread) and its SQLite worker thread.
import type { Admission } from "../forward/admission.ts";

export interface CaptureRow {
  id: string;
  binId: string;
  /** The token the bin was looked up by: the commit refuses the row when the bin's token changed since. */
  token: string;
  method: string;
  url: string;
  path: string;
  query: string;
  httpVersion: string;
  /** Node's rawHeaders: [name, value, name, value, ...]. */
  rawHeaders: string[];
  contentType: string | null;
  /** Owns its ArrayBuffer, which is transferred to the writer thread (and detached here). */
  body: Uint8Array;
  bodySize: number;
  ip: string;
  /** Milliseconds since the epoch. */
  receivedAt: number;
  /**
   * The sender's event id (lib/deliveries/key.ts), by which the writer numbers the attempt. Left
   * out by the capture path unless the bin's rules need it before the write; the writer then
   * computes it (for SQLite on its own thread, off the event loop that answers senders).
   */
  deliveryKey?: string | null;
  /** JSON of the AnswerRecord (lib/rules/schema.ts) the capture is answered with. */
  answer: string | null;
}

/** What became of a capture of a bin that forwards (lib/forward/admission.ts). */
export interface ForwardOutcome {
  /** The bin's forwardUrl as the capture was stored. */
  url: string;
  admission: Admission;
  /** With admission "evict": the waiting capture that gave up its place in the outbox. */
  evicted?: EvictedForward;
}

export interface EvictedForward {
  requestId: string;
  binId: string;
  method: string;
  url: string;
}

export type WriteResult =
  | {
      ok: true;
      seq: number;
      /** 1 + the bin's captures already stored with the row's deliveryKey; 1 without a key. */
      attempt: number;
      /** The row's delivery key, as given or as the writer computed it. */
      deliveryKey: string | null;
      forward?: ForwardOutcome;
    }
  | { ok: false; code: "bin_not_found" | "storage_unavailable"; message: string };

/** The bounds a capture's transaction keeps (MAX_REQUESTS_PER_BIN, FORWARD_QUEUE_PER_BIN, FORWARD_QUEUE_MAX). */
export interface CaptureLimits {
  maxRequestsPerBin: number;
  forwardQueuePerBin: number;
  forwardQueueMax: number;
}

export interface WriterOptions extends CaptureLimits {
  databaseFile: string;
  synchronous: "normal" | "full";
  busyTimeoutMs: number;
}

/** Rows and results cross the thread boundary as flat arrays of values (lib/capture/writer-wire.ts). */
export type WireRows = unknown[];
export type WireResults = unknown[];

export type ToWorker = { type: "batch"; batch: number; rows: WireRows } | { type: "close" };

/** "done" answers the batches committed together (each with its number of rows), with the results of their rows in order. */
export type FromWorker =
  | { type: "ready" }
  /** The thread cannot reach its database: the writer's ready() rejects with the message. */
  | { type: "failed"; message: string }
  | { type: "done"; batches: number[]; counts: number[]; results: WireResults }
  | { type: "closed" };
