// Messages between the capture writer (main thread) and its SQLite worker thread.

export interface CaptureRow {
  id: string;
  binId: string;
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
}

export type WriteResult =
  | { ok: true; seq: number }
  | { ok: false; code: "bin_not_found" | "storage_unavailable"; message: string };

export interface WriterOptions {
  databaseFile: string;
  synchronous: "normal" | "full";
  busyTimeoutMs: number;
  maxRequestsPerBin: number;
}

export type ToWorker = { type: "batch"; batch: number; rows: CaptureRow[] } | { type: "close" };

export type FromWorker =
  | { type: "ready" }
  | { type: "done"; batch: number; results: WriteResult[] }
  | { type: "closed" };
