// What a capture's 2xx promises, whatever the storage path behind it: the capture is durable (a
// SIGKILL at any moment loses nothing acknowledged, and a restarted server has recovered it all
// before it answers anything), readable at once through the API, sent once on the live stream in
// seq order, and seen by a wait; seqs increase in commit order and are never reused, not even
// after a crash. The kill points are random: the seed is printed, GUARANTEES_SEED repeats it.
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import type { BinJson } from "../lib/bins/types.ts";
import type { RequestPage, RequestRecord, RequestSummary } from "../lib/requests/types.ts";
import { acknowledged, type CaptureAnswer, type CaptureSpec, listAll, startLoad } from "./support/capture-load.ts";
import { api, createBin, getBody } from "./support/http.ts";
import { cleanupServers, freePort, startServer, type TestServer } from "./support/server.ts";
import { openStream } from "./support/sse.ts";
import { untilWaiting, waitAlone } from "./support/wait.ts";

afterAll(cleanupServers);

const SEED = Number(process.env.GUARANTEES_SEED ?? Math.floor(Math.random() * 2 ** 32));
const SENDERS = 32;
const ROUNDS = 4;
/** Nothing is dropped for room: every row ever stored stays listed, and is exported. */
const KEEP_ALL = { MAX_REQUESTS_PER_BIN: "100000", EXPORT_MAX_REQUESTS: "100000" };

/** A small seeded generator (mulberry32), so that a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A JSON body of about `bytes` bytes, some of its characters outside ASCII or escaped. */
function jsonBody(rand: () => number, bytes: number, fields: Record<string, unknown>): Buffer {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 "\\/é✓';
  let size = Buffer.byteLength(JSON.stringify({ ...fields, pad: "" }));
  let pad = "";
  while (size < bytes) {
    const char = alphabet[Math.floor(rand() * alphabet.length)] as string;
    pad += char;
    size += Buffer.byteLength(JSON.stringify(char)) - 2;
  }
  return Buffer.from(JSON.stringify({ ...fields, pad }));
}

/** Sender `sender`'s `i`-th capture of `round`: 0.5-4 KB of JSON, every fourth with a query and headers of its own. */
function captureSpec(round: number, sender: number, i: number): CaptureSpec {
  const rand = random(SEED ^ (round * 7919 + sender * 104_729 + i * 15_485_863));
  const body = jsonBody(rand, 512 + Math.floor(rand() * 3584), { round, sender, i });
  if (i % 4 !== 0) return { target: `/round-${round}/s${sender}`, body };
  return {
    target: `/round-${round}/s${sender}/with-query?i=${i}&note=a%20b&empty=`,
    headers: { "X-Guarantee-Case": `r${round}-s${sender}-i${i}`, "x-lower-case": String(rand()) },
    body,
  };
}

/** Runs `each` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await each(items[next++] as T);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

type Exported = RequestRecord & { bodyBase64: string | null };

/** What a stored record differs in from the capture that was sent (empty when nothing). */
function differences(record: Exported | RequestRecord, spec: CaptureSpec): string[] {
  const [path, query = ""] = spec.target.split("?") as [string, string?];
  const problems: string[] = [];
  if (record.path !== path || record.query !== query)
    problems.push(`${record.id}: target ${record.url}, sent ${spec.target}`);
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (!record.headers.some(([n, v]) => n === name && v === value)) problems.push(`${record.id}: header ${name} lost`);
  }
  const body = record.bodyText === null ? null : Buffer.from(record.bodyText);
  if (!body?.equals(spec.body)) problems.push(`${record.id}: body differs`);
  return problems;
}

/** Every record of the bin in one answer (JSON lines export), by id. */
async function exportAll(base: string, key: string): Promise<Map<string, Exported>> {
  const res = await fetch(`${base}/api/bins/${key}/export.jsonl`);
  expect(res.status).toBe(200);
  const lines = (await res.text()).split("\n").filter((line) => line !== "");
  return new Map(lines.map((line) => JSON.parse(line) as Exported).map((record) => [record.id, record]));
}

/** The same comparison through GET /requests/{id} and the body download. */
async function readBack(base: string, key: string, id: string, spec: CaptureSpec): Promise<string[]> {
  const got = await api<RequestRecord>(base, `/api/bins/${key}/requests/${id}`);
  if (got.status !== 200) return [`${id}: GET answered ${got.status}`];
  const bytes = await getBody(base, key, id);
  const download = bytes.equals(spec.body)
    ? []
    : [`${id}: body download differs (${bytes.length} of ${spec.body.length} bytes)`];
  return [...differences(got.json, spec), ...download];
}

/** GET on a new connection; rejects with the socket's error (ECONNREFUSED while nothing listens). */
function getOnce(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/**
 * Restarts the server on `dbFile` on a known port and, from the moment the process is started,
 * asks that port for the bin's newest captures until something answers: that first answer is
 * whatever the server would tell any client first, so it must already hold everything recovered.
 */
async function restartAndAskFirst(
  dbFile: string,
  key: string,
): Promise<{ server: TestServer; first: { status: number; text: string } }> {
  const port = await freePort();
  const starting = startServer({ dbFile, env: { ...KEEP_ALL, PORT: String(port) } });
  let startFailed: unknown = null;
  starting.catch((err: unknown) => {
    startFailed = err;
  });
  for (;;) {
    if (startFailed) throw startFailed;
    try {
      const first = await getOnce(port, `/api/bins/${key}/requests?limit=100`);
      return { server: await starting, first };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ECONNREFUSED") throw err;
    }
    // Not listening yet: ask again shortly, leaving the starting server most of the CPU.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Pairs of neighbours in `seqs` (newest first) that are not strictly decreasing. */
const outOfOrder = (seqs: number[]) =>
  seqs.flatMap((seq, i) => (i > 0 && seq >= (seqs[i - 1] as number) ? [[seqs[i - 1], seq]] : []));

describe("capture guarantees", () => {
  it("loses nothing acknowledged when killed with SIGKILL at random points under load, recovers it all before answering, and never reuses a seq", async () => {
    console.log(`capture guarantees: seed ${SEED} (set GUARANTEES_SEED=${SEED} to repeat these kill points)`);
    const rand = random(SEED);
    const killAfter = Array.from({ length: ROUNDS }, () => 200 + Math.floor(rand() * 1301));
    let server = await startServer({ env: KEEP_ALL });
    const bin = await createBin(server.url);
    /** Every acknowledged capture of every round, by id. */
    const acked = new Map<string, CaptureSpec>();
    /** Every row listed after the last restart, with its seq: none may go, none may change. */
    let known = new Map<string, number>();
    let highestSeq = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const target = killAfter[round] as number;
        const roundAcked = new Map<string, CaptureSpec>();
        const t0 = Date.now();
        const refused: CaptureAnswer[] = [];
        let killed: Promise<void> | undefined;
        const dying = server;
        const load = startLoad({
          base: server.url,
          token: bin.token,
          senders: SENDERS,
          next: (sender, i) => captureSpec(round, sender, i),
          onAnswer: (answer) => {
            if (!acknowledged(answer)) {
              refused.push(answer);
              return;
            }
            roundAcked.set(answer.id, answer.spec);
            acked.set(answer.id, answer.spec);
            if (roundAcked.size === target) {
              load.stop();
              killed = dying.kill9();
            }
          },
        });
        await load.done;
        await killed;
        expect(refused.map((a) => `${a.status} ${a.spec.target}`)).toEqual([]);
        expect(roundAcked.size).toBeGreaterThanOrEqual(target);

        const t1 = Date.now();
        const { server: restarted, first } = await restartAndAskFirst(server.dbFile, bin.key);
        server = restarted;
        expect(first.status, first.text).toBe(200);
        const rows = await listAll(server.url, bin.key);
        // Nothing was captured since: the first answer must be what the server holds now.
        expect((JSON.parse(first.text) as RequestPage).requests).toEqual(rows.slice(0, 100));

        const listed = new Map(rows.map((r) => [r.id, r.seq]));
        expect([...acked.keys()].filter((id) => !listed.has(id))).toEqual([]);
        expect(outOfOrder(rows.map((r) => r.seq))).toEqual([]);
        expect([...known].filter(([id, seq]) => listed.get(id) !== seq)).toEqual([]);
        expect(rows.filter((r) => !known.has(r.id) && r.seq <= highestSeq).map((r) => r.seq)).toEqual([]);
        const count = await api<BinJson>(server.url, `/api/bins/${bin.key}`);
        expect(count.json.requestCount).toBe(rows.length);

        const t2 = Date.now();
        // Every acknowledged capture of every round, in one export; the ones acknowledged last
        // before the kill, and a sample of the others, also one by one as a client reads them.
        const exported = await exportAll(server.url, bin.key);
        expect(exported.size).toBe(rows.length);
        const problems = [...acked].flatMap(([id, spec]) => {
          const record = exported.get(id);
          return record ? differences(record, spec) : [`${id}: not exported`];
        });
        const order = [...roundAcked];
        const sample = [...order.slice(-32), ...order.slice(0, -32).filter(() => rand() < 32 / order.length)];
        await inParallel(sample, 8, async ([id, spec]) => {
          problems.push(...(await readBack(server.url, bin.key, id, spec)));
        });
        expect(problems).toEqual([]);
        known = listed;
        highestSeq = rows[0]?.seq ?? highestSeq;
        console.log(
          `round ${round + 1}: killed after ${target} acknowledged, ${roundAcked.size} acknowledged in all, ${rows.length} rows, seq up to ${highestSeq}; load ${t1 - t0} ms, restart+list ${t2 - t1} ms, verify ${Date.now() - t2} ms`,
        );
      }
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("answers a capture only once it is readable, streams every acknowledged capture once in seq order, and answers a wait", async () => {
    const server = await startServer({ env: { ...KEEP_ALL, MAX_BODY_BYTES: "8192", WAIT_MAX_PER_BIN: "1" } });
    try {
      const bin = await createBin(server.url);
      const stream = await openStream(`${server.url}/api/bins/${bin.key}/stream?since=0`);
      expect(stream.status).toBe(200);
      const waited = waitAlone(server.url, bin.key, "?path=/wait-target&timeout=30");
      // Awaited once the load is done; a failure before then must not go unhandled meanwhile.
      waited.catch(() => {});
      await untilWaiting(server.url, bin.key);

      const perSender = 32;
      const unreadable: string[] = [];
      const load = startLoad({
        base: server.url,
        token: bin.token,
        senders: SENDERS,
        next: (sender, i) => {
          if (i >= perSender) return null;
          if (sender === 0 && i === perSender / 2)
            return { target: "/wait-target", body: Buffer.from('{"wait":true}') };
          // Every eighth is over MAX_BODY_BYTES, sent chunked so it is refused while being read.
          if (i % 8 === 7) {
            return { target: `/refused/s${sender}/i${i}`, body: Buffer.alloc(12_000, "x"), chunked: true };
          }
          return captureSpec(0, sender, i);
        },
        onAnswer: async (answer) => {
          if (!acknowledged(answer)) return;
          const got = await api<RequestRecord>(server.url, `/api/bins/${bin.key}/requests/${answer.id}`);
          if (got.status !== 200) unreadable.push(`${answer.id}: GET right after its 2xx answered ${got.status}`);
          else if (got.json.bodyText !== answer.spec.body.toString("utf8"))
            unreadable.push(`${answer.id}: body differs`);
        },
      });
      await load.done.catch((err: Error) => {
        throw new Error(`${err.message}; server said:\n${server.logs().slice(-3000)}`);
      });
      expect(unreadable).toEqual([]);
      const acked = load.answers.filter(acknowledged);
      const refused = load.answers.filter((a) => !acknowledged(a));
      expect(refused.length).toBe(SENDERS * (perSender / 8));
      expect(refused.filter((a) => a.status !== 413 || !a.spec.target.startsWith("/refused/"))).toEqual([]);

      const waitTarget = acked.find((a) => a.spec.target === "/wait-target");
      const waitAnswer = await waited;
      expect(waitAnswer.status).toBe(200);
      expect(waitAnswer.json).toMatchObject({ id: waitTarget?.id, path: "/wait-target", bodyText: '{"wait":true}' });

      // A last capture closes the stream's account: events come in seq order, so once it is in,
      // everything stored before it is too.
      const last = await fetch(`${server.url}/h/${bin.token}/last`, { method: "POST", body: "last" });
      expect(last.status).toBe(200);
      await stream.waitForEvents(acked.length + 1, 20_000);
      stream.close();
      const events = stream.events.filter((e) => e.event === "request");
      const summaries = events.map((e) => JSON.parse(e.data) as RequestSummary);
      expect(summaries.at(-1)?.id).toBe(last.headers.get("x-hookscope-request-id"));
      expect(events.every((e, i) => e.id === String(summaries[i]?.seq))).toBe(true);

      const streamed = summaries.slice(0, -1);
      const ackedIds = new Set(acked.map((a) => a.id));
      const streamedIds = streamed.map((s) => s.id);
      expect(streamedIds.filter((id) => !ackedIds.has(id))).toEqual([]);
      expect(streamedIds.length - new Set(streamedIds).size).toBe(0);
      expect([...ackedIds].filter((id) => !streamedIds.includes(id))).toEqual([]);
      // Seqs from 1, each one more than the one before: in order, and no acknowledged capture skipped.
      const seqs = summaries.map((s) => s.seq);
      expect(seqs.filter((seq, i) => seq !== i + 1)).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
