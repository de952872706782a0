// PostgreSQL's capture writer thread (lib/capture/writer.ts starts it): the group commit of
// ./capture-writer.ts runs here, on an event loop that does nothing else, so that each of a
// commit's round trips is read as soon as the database answers. Rows that arrive during a commit
// form the next one.
import { parentPort, workerData } from "node:worker_threads";
import type { FromWorker, ToWorker } from "../../capture/writer-protocol.ts";
import { decodeRows, encodeResults } from "../../capture/writer-wire.ts";
import { PostgresCaptureWriter, type PostgresWriterOptions } from "./capture-writer.ts";

const port = parentPort;
if (!port) throw new Error("capture-writer-worker must run in a worker thread");
const send = (msg: FromWorker) => port.postMessage(msg);

const writer = new PostgresCaptureWriter(workerData as PostgresWriterOptions);

port.on("message", (msg: ToWorker) => {
  if (msg.type === "batch") {
    const rows = decodeRows(msg.rows);
    // write() never rejects: each row resolves with its outcome once its commit is over.
    void Promise.all(rows.map((row) => writer.write(row))).then((results) =>
      send({ type: "done", batches: [msg.batch], counts: [rows.length], results: encodeResults(results) }),
    );
    return;
  }
  void writer.close().then(() => send({ type: "closed" }));
});
// A database that cannot be reached now fails the server's start-up; the thread stays, and each
// batch is stored, or refused as storage_unavailable, as the database allows when it comes.
writer.ready().then(
  () => send({ type: "ready" }),
  (err: Error) => send({ type: "failed", message: `the capture writer cannot reach PostgreSQL: ${err.message}` }),
);
