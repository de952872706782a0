// The storage boundary: everything Hookscope keeps goes through one Storage, whichever database
// holds it. Services call these methods and never a database client.
//
// Errors: a method throws only ApiError (lib/errors.ts), with one of these codes:
// - `bin_not_found`, `request_not_found` and `share_not_found`, where a method's comment says so;
// - `storage_unavailable` from any method, when the database cannot be read or written (disk
//   full, locked, gone); it is counted in the storage-error metric before it is thrown.
// Anything else thrown is a bug and becomes a 500. Methods that look something up by id, key or
// token and say "or null" do not throw a not-found error. Times are given, never read from a clock,
// so that callers (and the contract suite) decide what "now" is.
import type { HeaderPair } from "../capture/headers.ts";
import type { CaptureLimits, CaptureRow, WriteResult } from "../capture/writer-protocol.ts";
import type { EventBus } from "../events/bus.ts";
import type { RecordRow, SummaryRow } from "../requests/serialize.ts";
import type { RequestSummary } from "../requests/types.ts";

export type { RecordRow, SummaryRow };

export interface StoredBin {
  id: string;
  /** The capture token: the secret part of /h/{token}, which only lets one send to the bin. */
  token: string;
  /** The key: the secret part of /b/{key} and /api/bins/{key}, which opens the bin. */
  key: string;
  name: string | null;
  createdAt: Date;
  lastRequestAt: Date | null;
  /** Number of stored requests, kept exact by every insert and delete. */
  requestCount: number;
  forwardUrl: string | null;
  /** The configured capture answer as JSON (see lib/bins/response.ts). */
  response: string;
  /** The answer rules as JSON (see lib/rules/stored.ts), signing secrets included. */
  rules: string;
  /** Signing secrets saved for the signature check, as JSON (see lib/signatures/saved.ts), unmasked. */
  signingSecrets: string;
}

export interface NewBin {
  id: string;
  token: string;
  key: string;
  name: string | null;
  createdAt: Date;
  response: string;
}

/** A read-only share link of a bin: /s/{id} reads the bin and changes nothing. */
export interface StoredShare {
  /** The secret part of /s/{id}, drawn apart from the bin's key and token. */
  id: string;
  binId: string;
  name: string | null;
  createdAt: Date;
}

export type NewShare = StoredShare;

/** A bin's two secrets: the key opens it, the token only sends to it. */
export type BinSecret = "key" | "token";

/** Fields to change; an absent field is left as it is. */
export interface BinChanges {
  name?: string | null;
  response?: string;
  rules?: string;
  forwardUrl?: string | null;
}

/** Which of a bin's requests a read keeps. */
export interface RowFilter {
  /** Only these methods (exact, upper case); null for all. */
  methods: string[] | null;
  /** Only redeliveries (attempt > 1); absent or false for all. */
  redelivered?: boolean;
}

export interface RequestFilter extends RowFilter {
  /** Only requests with a seq below this; null to start from the newest. */
  beforeSeq: number | null;
  take: number;
}

export interface SeqWindow extends RowFilter {
  low: number;
  high: number;
  take: number;
}

/** One delivery of an event, as its timeline shows it. */
export interface StoredDelivery {
  id: string;
  seq: number;
  attempt: number;
  receivedAt: Date;
  /** JSON of the AnswerRecord, as the capture stored it. */
  answer: string | null;
}

/** The deliveries of one request's event. */
export interface StoredDeliveries {
  /** The request's delivery key; null when it has none (then it is its only delivery). */
  deliveryKey: string | null;
  /** Oldest first, up to the number asked for. */
  deliveries: StoredDelivery[];
  /** How many of the bin's requests carry the key. */
  total: number;
}

/** What a body download needs before it reads the bytes. */
export interface StoredBodyInfo {
  bodySize: number;
  contentType: string | null;
  headers: HeaderPair[];
}

/** A request read from a file (a HAR import), to be stored as a capture of a bin. */
export interface ImportedRequest {
  id: string;
  method: string;
  /** The request-target as the file gives it: path and query, origin form. */
  url: string;
  path: string;
  query: string;
  httpVersion: string;
  headers: HeaderPair[];
  contentType: string | null;
  /** The body bytes exactly. */
  body: Buffer;
  ip: string;
  /** The time the file gives. */
  receivedAt: Date;
}

/** A captured request as the resend engine sends it. */
export interface StoredSource {
  id: string;
  method: string;
  headers: HeaderPair[];
  /** The body bytes exactly as captured. */
  body: Buffer;
}

/** One resend or forward attempt, as stored. */
export interface StoredAttempt {
  id: string;
  requestId: string;
  /** True when the attempt came from the bin's automatic forwarding. */
  auto: boolean;
  url: string;
  method: string;
  /** JSON array of [name, value] pairs: the headers sent, in order. */
  sentHeaders: string;
  /** The target's status; null when it did not answer. */
  status: number | null;
  /** JSON array of [name, value] pairs as the target sent them; null when it did not answer. */
  responseHeaders: string | null;
  responseBody: Uint8Array<ArrayBuffer> | null;
  bodyTruncated: boolean;
  durationMs: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
}

/** A capture claimed for forwarding, with what sending it needs. */
export interface ClaimedForward {
  requestId: string;
  binId: string;
  method: string;
  /** The bin's forwardUrl as it was claimed. */
  url: string;
  /** Attempts started, this one included. */
  attempts: number;
}

/** What names one claim on a capture in the forwarding outbox, with its owner. */
export type ForwardClaim = Pick<ClaimedForward, "requestId" | "attempts">;

/** The capture path's writer: group commit of new captures, with seq assigned in commit order. */
export interface CaptureWriter {
  /** Resolves once the writer can commit. */
  ready(): Promise<void>;
  /**
   * Resolves with the capture's seq once committed, or with the reason it was not stored
   * (`bin_not_found`, `storage_unavailable`); never rejects. `bin_not_found` also when the bin's
   * token is no longer the row's `token` (rotated since the bin was looked up, on any instance),
   * checked in the commit's transaction. Each commit also sets the bin's
   * lastRequestAt and requestCount, and drops its oldest requests past maxRequestsPerBin. A
   * capture of a bin with a forwardUrl enters the forwarding outbox in the same transaction,
   * within forwardQueuePerBin and forwardQueueMax; its result's `forward` says whether it did.
   */
  write(row: CaptureRow): Promise<WriteResult>;
  /** Captures queued or being committed. */
  readonly pending: number;
  /** Commits what is queued, then stops; later writes are refused. */
  close(): Promise<void>;
}

export type CaptureWriterOptions = CaptureLimits;

/**
 * What only the server process does with the database: migrate it at start-up and write captures.
 * Kept apart from Storage so that Next's bundle, which loads Storage, never loads the migration
 * engine or the writer thread.
 */
export interface StorageServer {
  /** Brings the schema up to date. Returns the names of the migrations applied (none when up to date). */
  migrate(): Promise<string[]>;
  /** Starts the capture writer. */
  openCaptureWriter(options: CaptureWriterOptions): CaptureWriter;
  /** The live-event bus: in-process on SQLite, across instances on PostgreSQL. */
  openEventBus(options: EventBusOptions): Promise<ServerEventBus>;
}

export interface EventBusOptions {
  /** After the bus lost its database connection, wait this long before reconnecting. */
  reconnectMs: number;
  /** A bin's stored requests after a seq, oldest first: how captures of other instances are read once for every stream. */
  readAfter(binId: string, afterSeq: number, limit: number): Promise<RequestSummary[]>;
}

export interface ServerEventBus extends EventBus {
  close(): Promise<void>;
}

export interface Storage {
  /** Throws storage_unavailable unless the database answers a read. */
  ping(): Promise<void>;
  /** Closes the connections this Storage opened. */
  close(): Promise<void>;

  // Bins
  /** Stores a new bin, with no requests and seq starting at 1. */
  createBin(bin: NewBin): Promise<StoredBin>;
  /** The bin with this key, or null: what everything that opens a bin looks it up by. */
  findBinByKey(key: string): Promise<StoredBin | null>;
  /** The bin with this capture token, or null: what capture looks it up by. */
  findBinByToken(token: string): Promise<StoredBin | null>;
  /**
   * Bins, most recent capture first (bins that never captured last, newest first), at most `take`;
   * with `nameContains`, only those whose name contains it, letters in any case (`%` and `_` as themselves).
   */
  listBins(nameContains: string | null, take: number): Promise<StoredBin[]>;
  /** Applies the changes to the bin with this key and returns it as stored. Throws bin_not_found. */
  updateBin(key: string, changes: BinChanges): Promise<StoredBin>;
  /**
   * Sets the signingSecrets of the bin with this key to `next` if they are still `expected`, and
   * returns the bin as stored; null when they changed since `expected` was read (the caller reads
   * again): of two changes racing, neither is lost. Throws bin_not_found.
   */
  swapSigningSecrets(key: string, expected: string, next: string): Promise<StoredBin | null>;
  /**
   * Gives the bin with this key a new key or a new token (`value`), in one write: from its commit
   * on the old secret finds nothing (the capture writers refuse a capture looked up by the old
   * token), and the bin keeps its requests. Returns the bin as stored. Throws bin_not_found when
   * no bin has this key (also when a concurrent rotation changed it first).
   */
  rotateBinSecret(key: string, secret: BinSecret, value: string): Promise<StoredBin>;
  /** Deletes the bin with this key, all its requests and their attempts; returns what it was. Throws bin_not_found. */
  deleteBin(key: string): Promise<StoredBin>;
  /**
   * Deletes up to `limit` bins that have had no capture since before `cutoff` (counted from their
   * creation when they never had one), checking again as it deletes so a bin that captured
   * meanwhile stays. Returns how many were deleted and the tokens of every bin it considered,
   * so caches can forget them; fewer than `limit` tokens means no idle bin is left.
   */
  pruneIdleBins(cutoff: Date, limit: number): Promise<{ deleted: number; tokens: string[] }>;

  // Share links
  /** Stores a share link of a bin. Throws bin_not_found when the bin is gone. */
  createShare(share: NewShare): Promise<StoredShare>;
  /** A bin's share links, oldest first (none when the bin does not exist). */
  listShares(binId: string): Promise<StoredShare[]>;
  /**
   * Deletes the bin's share link with this id: from its commit on, findBinByShare finds nothing.
   * Throws share_not_found when the bin has no such share (also when another bin has it).
   */
  deleteShare(binId: string, id: string): Promise<void>;
  /** The bin a share link opens, or null (also after the link was deleted, or its bin). */
  findBinByShare(id: string): Promise<StoredBin | null>;

  // Captured requests (new ones come through the CaptureWriter)
  /** A page of a bin's requests, newest first (none when the bin does not exist). */
  listRequests(binId: string, filter: RequestFilter): Promise<SummaryRow[]>;
  /** Seq and body size of a page of a bin's requests, newest first: what the search budgets its reading by. */
  requestSizes(binId: string, filter: RequestFilter): Promise<{ seq: number; bodySize: number }[]>;
  /**
   * The seqs of up to `take` of a bin's requests with low <= seq <= high that contain q, newest
   * first. Contains: q is a case-insensitive (ASCII letters only) substring of the path, the
   * query, a header value (never a header name) or the body when it is stored as text (valid
   * UTF-8 up to 1 MiB). q is plain text: no character is a wildcard or an escape. Reads no more
   * than the rows of that seq window.
   */
  matchingSeqs(binId: string, q: string, window: SeqWindow): Promise<number[]>;
  /** The summaries of a bin's requests with these seqs, newest first (seqs that are gone are left out). */
  listBySeqs(binId: string, seqs: number[]): Promise<SummaryRow[]>;
  /** A bin's requests with seq > afterSeq, oldest first (for stream replay). */
  listAfter(binId: string, afterSeq: number, limit: number): Promise<SummaryRow[]>;
  /**
   * The attempt number of the bin's latest stored request with this delivery key: the deliveries
   * of that event so far, dropped ones included; 0 when there is none (or no such bin).
   */
  lastAttempt(binId: string, deliveryKey: string): Promise<number>;
  /**
   * The bin's requests with the same delivery key as this one, oldest first, up to `take`, and
   * how many there are. Throws request_not_found.
   */
  listDeliveries(binId: string, requestId: string, take: number): Promise<StoredDeliveries>;
  /** The full record; `headers` is the stored JSON list of pairs. Throws request_not_found. */
  getRequest(binId: string, id: string): Promise<RecordRow>;
  /** Size, type and headers of a request's body. Throws request_not_found. */
  getBodyInfo(binId: string, id: string): Promise<StoredBodyInfo>;
  /** The body bytes exactly as captured. Throws request_not_found (also when deleted since getBodyInfo). */
  readBody(id: string): Promise<Buffer>;
  /** A request as a resend source, or null (also when it is not in the bin, when binId is given). */
  findSource(id: string, binId?: string): Promise<StoredSource | null>;
  /**
   * Stores requests read from a file as captures of the bin, in one transaction: all of them or
   * none. Each gets the bin's next seq, in the order given, and `importedAt`; the bin's
   * requestCount and lastRequestAt (set to importedAt when later) are kept, and its oldest requests
   * past maxRequestsPerBin are dropped, as a capture's commit does. Bodies are stored as captures'
   * are (text when valid UTF-8 of at most 1 MiB, else bytes). Returns the stored summaries, oldest
   * first. Throws bin_not_found.
   */
  importRequests(
    binId: string,
    requests: ImportedRequest[],
    importedAt: Date,
    maxRequestsPerBin: number,
  ): Promise<SummaryRow[]>;
  /** Deletes one request and keeps the bin's requestCount. Throws request_not_found. */
  deleteRequest(binId: string, id: string): Promise<void>;
  /** Deletes all of a bin's requests; requestCount becomes 0 and seq goes on from where it was. */
  clearRequests(binId: string): Promise<void>;
  /** Deletes requests received before `cutoff`, bin by bin, keeping each requestCount. Returns how many. */
  pruneExpired(cutoff: Date): Promise<number>;

  // Resend and forward attempts
  /**
   * Stores one attempt and, in the same transaction, deletes the request's oldest attempts past
   * `keep`. Throws request_not_found when the request no longer exists.
   */
  recordAttempt(attempt: StoredAttempt, keep: number): Promise<StoredAttempt>;
  /** Up to `limit` attempts for a request of the bin, newest first. Throws request_not_found. */
  listAttempts(binId: string, requestId: string, limit: number): Promise<StoredAttempt[]>;

  // The forwarding outbox (captures enter it through the CaptureWriter). `owner` names the
  // process holding a claim; times are milliseconds since the epoch.
  /**
   * Claims for `owner`, until `leaseUntil`, up to `limit` captures that are due (availableAt <=
   * now) and free (never claimed, or their claim ran out), starting an attempt on each. Only the
   * lowest seq a bin has in the outbox is ever claimed, so a bin's captures go out one at a time and
   * in order, whichever instance claims them; two claims never return the same capture while its
   * lease holds. Bins without a forwardUrl are skipped. Oldest availableAt first.
   */
  claimForwards(owner: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedForward[]>;
  // A claim is named by owner, requestId and its attempts count, which every claim raises: an
  // update for a claim that ran out and was claimed again (by anyone) changes nothing.
  /**
   * Extends these claims to leaseUntil. `held`: the ids still claimed as given; `takenOver`: those
   * claimed again since (another instance took them over); the rest are gone from the outbox.
   */
  renewForwards(
    owner: string,
    claims: ForwardClaim[],
    leaseUntil: number,
  ): Promise<{ held: string[]; takenOver: string[] }>;
  /**
   * Removes a claimed capture (forwarded, or given up; nothing when the claim is no longer held).
   * The bin's next capture is due from `now`, behind bins that have waited longer: bins take turns.
   */
  finishForward(owner: string, claim: ForwardClaim, now: number): Promise<void>;
  /** Frees a claimed capture, due again at availableAt (the wait before a retry). */
  retryForward(owner: string, claim: ForwardClaim, availableAt: number): Promise<void>;
  /** Frees claimed captures, due as they were (the process is stopping). */
  releaseForwards(owner: string, claims: ForwardClaim[]): Promise<void>;
  /** Removes all of a bin's captures from the outbox: how many were waiting, how many claimed. */
  dropForwards(binId: string): Promise<{ waiting: number; claimed: number }>;
  /** Captures in the outbox. */
  forwardBacklog(): Promise<number>;
}
