// The capture writer's thread: owns one SQLite connection and commits batches, so that a
// commit (and its fsync) never blocks the event loop that answers senders.
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { createBatchWriter, openCaptureDatabase } from "./sqlite-batch.ts";
import type { FromWorker, ToWorker, WriterOptions } from "./writer-protocol.ts";
import { decodeRows, encodeResults } from "./writer-wire.ts";

const options = workerData as WriterOptions;
const port = parentPort;
if (!port) throw new Error("writer-worker must run in a worker thread");

const db = openCaptureDatabase(Database, options.databaseFile, options.synchronous, options.busyTimeoutMs);
const commitBatch = createBatchWriter(db, options);
const send = (msg: FromWorker) => port.postMessage(msg);

port.on("message", (first: ToWorker) => {
  // Batches that arrived while the previous commit ran are committed together: one transaction
  // (and, with DB_SYNCHRONOUS=full, one fsync) for all of them.
  const messages = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    messages.push(next.message as ToWorker);
  }
  const batches = messages.filter((m) => m.type === "batch");
  const rows = batches.map((b) => decodeRows(b.rows));
  if (batches.length > 0) {
    // One answer for every batch of the commit, their results in the order of their rows.
    const results = commitBatch(rows.flat());
    send({
      type: "done",
      batches: batches.map((b) => b.batch),
      counts: rows.map((r) => r.length),
      results: encodeResults(results),
    });
  }
  if (messages.some((m) => m.type === "close")) {
    db.close();
    send({ type: "closed" });
  }
});
send({ type: "ready" });
