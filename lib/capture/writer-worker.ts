// The capture writer's thread: owns one SQLite connection and commits batches, so that a
// commit (and its fsync) never blocks the event loop that answers senders.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { createBatchWriter, openCaptureDatabase } from "./sqlite-batch.ts";
import type { FromWorker, ToWorker, WriterOptions } from "./writer-protocol.ts";

const options = workerData as WriterOptions;
const port = parentPort;
if (!port) throw new Error("writer-worker must run in a worker thread");

const db = openCaptureDatabase(Database, options.databaseFile, options.synchronous, options.busyTimeoutMs);
const commitBatch = createBatchWriter(db, options.maxRequestsPerBin);
const send = (msg: FromWorker) => port.postMessage(msg);

port.on("message", (msg: ToWorker) => {
  if (msg.type === "batch") {
    send({ type: "done", batch: msg.batch, results: commitBatch(msg.rows) });
  } else if (msg.type === "close") {
    db.close();
    send({ type: "closed" });
  }
});
send({ type: "ready" });
