// Live events across instances sharing one PostgreSQL database. Each process keeps one connection
// that LISTENs on one channel; notifications carry ids only and are wake-ups: a stream woken up
// reads what it has not sent from the database (lib/live/stream-handler.ts). PostgreSQL delivers
// notifications only on commit and in commit order, but drops those sent while a listener is
// disconnected: after every (re)connect each local subscriber is woken once, so nothing stored
// meanwhile is missed.
//
// Captures are notified by the capture writer inside the commit's transaction (captureNotices);
// this process's own captures also take the in-process path, so its own notices are skipped.
// Deletions, clears and key changes are sent here, after they are stored, and forwarded as they are.
//
// A capture notice is turned into the captures themselves by one read per bin, shared by every
// stream of that bin in this process: each gets them as ordinary request events, in seq order, so
// fifty inspectors of one bin cost one query per commit, not fifty. A stream that sees a gap (the
// first notice for a bin, a failed read) reads what it misses on its own.
import pg from "pg";
import { log } from "../log.ts";
import type { RequestSummary } from "../requests/types.ts";
import { type EventBus, InProcessEventBus, type LiveListener, type PublishedEvent } from "./bus.ts";

export const LIVE_CHANNEL = "hookscope_live";

/**
 * One notification: b = bin id, o = the sending process; then s = newest seq stored, d = deleted
 * request id, c = cleared, or k = the bin's key changed.
 */
interface Notice {
  b: string;
  o: string;
  s?: number;
  d?: string;
  c?: 1;
  k?: 1;
}

/** The payloads that announce a commit's captures: one per bin, with its newest seq. */
export function captureNotices(origin: string, newestSeqByBin: Map<string, number>): string[] {
  return [...newestSeqByBin].map(([b, s]) => JSON.stringify({ b, o: origin, s } satisfies Notice));
}

export interface PostgresBusOptions {
  /** pg connection settings for the listening connection. */
  connection: pg.ClientConfig;
  /** Identifies this process in the notices it sends. */
  origin: string;
  reconnectMs: number;
  /** A bin's stored requests with seq > afterSeq, oldest first, at most `limit`. */
  readAfter(binId: string, afterSeq: number, limit: number): Promise<RequestSummary[]>;
}

/** Past this many captures behind, the streams read for themselves rather than through one shared read. */
const SHARED_READ_MAX = 500;

export class PostgresEventBus implements EventBus {
  readonly #local = new InProcessEventBus();
  #client: pg.Client | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  /** By bin: the newest seq every local stream has been given, as far as this bus knows. */
  readonly #given = new Map<string, number>();
  /** By bin, while a shared read runs: the newest seq notified since it began. */
  readonly #wanted = new Map<string, number>();

  constructor(readonly options: PostgresBusOptions) {}

  /** Connects and LISTENs; rejects when the first connection fails. */
  start(): Promise<void> {
    return this.#connect();
  }

  publish(binId: string, event: PublishedEvent): void {
    this.#local.publish(binId, event);
    if (event.type === "request") {
      // This process's own capture: the shared read need not fetch it again.
      if (this.#given.get(binId) === event.summary.seq - 1) this.#given.set(binId, event.summary.seq);
      return;
    }
    const origin = this.options.origin;
    const notice: Notice =
      event.type === "deleted"
        ? { b: binId, o: origin, d: event.id }
        : event.type === "cleared"
          ? { b: binId, o: origin, c: 1 }
          : { b: binId, o: origin, k: 1 };
    const client = this.#client;
    if (!client) {
      log.error("live event not sent to other instances: the listener is reconnecting");
      return;
    }
    client.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(notice)]).catch((err: Error) => {
      log.error(`live event not sent to other instances: ${err.message}`);
    });
  }

  subscribe(binId: string, listener: LiveListener): () => void {
    const unsubscribe = this.#local.subscribe(binId, listener);
    return () => {
      unsubscribe();
      if (this.#local.subscriberCount(binId) === 0) this.#given.delete(binId);
    };
  }

  subscriberCount(binId: string): number {
    return this.#local.subscriberCount(binId);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.options.connection);
    let lost = false;
    const onLost = (why: string) => {
      if (lost) return;
      lost = true;
      if (this.#client === client) this.#client = null;
      client.end().catch(() => {});
      if (this.#closed) return;
      log.error(`live event listener disconnected (${why}); reconnecting`);
      this.#scheduleReconnect();
    };
    client.on("error", (err) => onLost(err.message));
    client.on("end", () => onLost("connection closed"));
    client.on("notification", (message) => {
      if (message.channel === LIVE_CHANNEL && message.payload) this.#dispatch(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (err) {
      lost = true;
      client.end().catch(() => {});
      throw err;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    // Whatever was notified while no one listened is read from the database by each stream.
    this.#given.clear();
    for (const binId of this.#local.binIds()) this.#local.publish(binId, { type: "wake", upToSeq: null });
  }

  #scheduleReconnect(): void {
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#connect().catch((err: Error) => {
        log.error(`live event listener could not reconnect: ${err.message}`);
        if (!this.#closed) this.#scheduleReconnect();
      });
    }, this.options.reconnectMs);
  }

  #dispatch(payload: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.o === this.options.origin || typeof notice.b !== "string") return;
    if (this.#local.subscriberCount(notice.b) === 0) {
      this.#given.delete(notice.b);
      return;
    }
    if (typeof notice.s === "number") this.#captured(notice.b, notice.s);
    else if (typeof notice.d === "string") this.#local.publish(notice.b, { type: "deleted", id: notice.d });
    else if (notice.c === 1) this.#local.publish(notice.b, { type: "cleared" });
    else if (notice.k === 1) this.#local.publish(notice.b, { type: "rekeyed" });
  }

  /** Captures up to `upTo` were stored in the bin through another instance. */
  #captured(binId: string, upTo: number): void {
    const given = this.#given.get(binId);
    if (given === undefined) {
      // The first notice for this bin since its streams began: each reads what it misses.
      this.#given.set(binId, upTo);
      this.#local.publish(binId, { type: "wake", upToSeq: upTo });
      return;
    }
    if (upTo <= given) return;
    const wanted = this.#wanted.get(binId);
    this.#wanted.set(binId, Math.max(wanted ?? upTo, upTo));
    if (wanted === undefined) void this.#readShared(binId);
  }

  /** Reads the bin's captures after the ones given, once, and gives them to every local stream. */
  async #readShared(binId: string): Promise<void> {
    try {
      for (;;) {
        const from = this.#given.get(binId);
        const upTo = this.#wanted.get(binId) ?? 0;
        if (from === undefined || upTo <= from) return;
        const rows = upTo - from > SHARED_READ_MAX ? null : await this.options.readAfter(binId, from, SHARED_READ_MAX);
        if (rows === null || rows.length === SHARED_READ_MAX) {
          this.#given.set(binId, upTo);
          this.#local.publish(binId, { type: "wake", upToSeq: upTo });
          continue;
        }
        for (const summary of rows) {
          if (summary.seq <= (this.#given.get(binId) ?? 0)) continue;
          this.#given.set(binId, summary.seq);
          this.#local.publish(binId, { type: "request", summary });
        }
        // Rows deleted meanwhile leave a gap, which the streams fill by reading on their own.
        if ((this.#given.get(binId) ?? 0) < upTo) this.#given.set(binId, upTo);
      }
    } catch (err) {
      log.error(`live events could not be read for other instances' captures: ${(err as Error).message}`);
      const upTo = this.#wanted.get(binId) ?? 0;
      this.#given.set(binId, upTo);
      this.#local.publish(binId, { type: "wake", upToSeq: upTo });
    } finally {
      this.#wanted.delete(binId);
    }
  }
}
