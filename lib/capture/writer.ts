// Group commit for captures: rows go to the writer thread in small batches, and the thread commits
// every batch waiting for it in one transaction. A capture's promise resolves only after its batch
// has committed.
// Each database has its thread: SQLite's (./writer-worker.ts, opened by lib/storage/sqlite/server.ts)
// and PostgreSQL's (lib/storage/postgres/capture-writer-worker.ts).
import { Worker } from "node:worker_threads";
import { log } from "../log.ts";
import type { CaptureWriter as StorageCaptureWriter } from "../storage/types.ts";
import type { CaptureRow, FromWorker, ToWorker, WriteResult, WriterOptions } from "./writer-protocol.ts";
import { decodeResult, encodeRows } from "./writer-wire.ts";

/** The writer thread to start: its entry module and what it is given as workerData. */
export interface WriterThread {
  url: URL;
  options: unknown;
}

interface Pending {
  row: CaptureRow;
  resolve: (result: WriteResult) => void;
}

/** SQLite's writer thread: beside this module, or beside the bundled server in dist/. */
export function sqliteWriterThread(options: WriterOptions): WriterThread {
  return { url: new URL("./writer-thread.mjs", import.meta.url), options };
}

/**
 * Rows that go to the thread as soon as they are queued, before the event-loop turn ends. Senders
 * answered together send again together, and the next turn parses all of them: sent only at the
 * turn's end, they reached the thread after all were parsed, and the thread then committed while
 * this thread waited, in lockstep. Sent four at a time, the thread commits the first while the
 * rest are parsed, and the batches waiting at its next commit still go in one transaction. In
 * the benchmark (1 KB JSON, 50 connections) this raised the rate by 15-30 % with
 * DB_SYNCHRONOUS=full; batches of 1 or 2 cost more per message than they saved, 8 about as much.
 */
const EARLY_BATCH_ROWS = 4;

export class CaptureWriter implements StorageCaptureWriter {
  #worker: Worker;
  #ready: Promise<void>;
  #queue: Pending[] = [];
  /** Batches sent to the thread and not yet answered, oldest first. */
  #inFlight = new Map<number, Pending[]>();
  #batchNo = 0;
  #scheduled = false;
  #restarting = false;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #closing: Promise<void> | null = null;
  #idleWaiters: (() => void)[] = [];

  constructor(readonly thread: WriterThread) {
    this.#worker = this.#spawn();
    this.#ready = this.#waitReady();
    // Rejected for whoever asks ready(); a writer whose readiness nobody awaits still refuses writes.
    this.#ready.catch(() => {});
  }

  /** Resolves once the writer thread has opened the database. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Queues a row; resolves with its seq once committed, or with the reason it was not stored. */
  write(row: CaptureRow): Promise<WriteResult> {
    if (this.#closing) {
      return Promise.resolve({ ok: false, code: "storage_unavailable", message: "The server is shutting down." });
    }
    return new Promise((resolve) => {
      this.#queue.push({ row, resolve });
      if (this.#queue.length >= EARLY_BATCH_ROWS) this.#flush();
      else this.#schedule();
    });
  }

  /** Number of captures queued or being committed. */
  get pending(): number {
    let count = this.#queue.length;
    for (const batch of this.#inFlight.values()) count += batch.length;
    return count;
  }

  /** Commits what is queued, then closes the database. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#restarting) {
        // No thread to commit with: what waits is refused rather than left hanging.
        clearTimeout(this.#restartTimer);
        this.#failAll("The server is shutting down.");
        await this.#worker.terminate();
        return;
      }
      await this.#idle();
      await new Promise<void>((resolve) => {
        const onMessage = (msg: FromWorker) => {
          if (msg.type === "closed") resolve();
        };
        this.#worker.on("message", onMessage);
        this.#worker.once("exit", () => resolve());
        this.#worker.postMessage({ type: "close" } satisfies ToWorker);
      });
      await this.#worker.terminate();
    })();
    return this.#closing;
  }

  #spawn(): Worker {
    const worker = new Worker(this.thread.url, { workerData: this.thread.options });
    worker.on("message", (msg: FromWorker) => this.#onMessage(msg));
    worker.on("error", (err) => log.error("capture writer failed", err));
    worker.on("exit", (code) => this.#onExit(code));
    return worker;
  }

  #waitReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (msg: FromWorker) => {
        if (msg.type !== "ready" && msg.type !== "failed") return;
        this.#worker.off("exit", onExit);
        this.#worker.off("message", onMessage);
        if (msg.type === "ready") resolve();
        else reject(new Error(msg.message));
      };
      const onExit = (code: number) => reject(new Error(`capture writer exited during start-up (code ${code})`));
      this.#worker.on("message", onMessage);
      this.#worker.once("exit", onExit);
      this.#worker.once("error", reject);
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    if (this.#queue.length === 0 || this.#restarting) return;
    const batch = this.#queue;
    this.#queue = [];
    this.#batchNo++;
    this.#inFlight.set(this.#batchNo, batch);
    const rows = batch.map((p) => p.row);
    const transfer = rows.map((r) => r.body.buffer as ArrayBuffer);
    this.#worker.postMessage(
      { type: "batch", batch: this.#batchNo, rows: encodeRows(rows) } satisfies ToWorker,
      transfer,
    );
  }

  #onMessage(msg: FromWorker): void {
    if (msg.type !== "done") return;
    let offset = 0;
    for (const [i, batchNo] of msg.batches.entries()) {
      const batch = this.#inFlight.get(batchNo);
      const first = offset;
      offset += msg.counts[i] ?? 0;
      if (!batch) continue;
      this.#inFlight.delete(batchNo);
      for (const [j, p] of batch.entries()) {
        p.resolve(
          decodeResult(msg.results, first + j) ?? {
            ok: false,
            code: "storage_unavailable",
            message: "No result from the writer.",
          },
        );
      }
    }
    this.#notifyIdle();
  }

  #onExit(code: number): void {
    // The thread died (it should not): what it held, and what waits for it, is refused.
    this.#failAll("The capture writer stopped; the request was not stored.");
    if (this.#closing) return;
    log.error(`capture writer exited (code ${code}); restarting it`);
    // Start again after a pause, so a thread that cannot open the database does not spin.
    this.#restarting = true;
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      if (this.#closing) return;
      this.#worker = this.#spawn();
      this.#ready = this.#waitReady();
      this.#ready.then(
        () => {
          this.#restarting = false;
          this.#flush();
        },
        () => this.#failAll("The capture writer could not start; the request was not stored."),
      );
    }, 1000);
  }

  /** Resolves every capture in flight or queued as not stored. */
  #failAll(message: string): void {
    const waiting = [...this.#inFlight.values()].flat().concat(this.#queue);
    this.#inFlight.clear();
    this.#queue = [];
    for (const p of waiting) p.resolve({ ok: false, code: "storage_unavailable", message });
    this.#notifyIdle();
  }

  #idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #notifyIdle(): void {
    if (this.pending !== 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }
}
