// The durable floor: the fastest a capture can be answered on this disk if no 2xx may come before
// the body is durable. A bare node:http server that appends each body, behind a 4-byte length
// header as a capture log would, to one O_APPEND file in a fresh folder of the temporary directory
// (where the benchmark's databases live, so on the same disk), and answers 200 only after an
// fdatasync that covers it. Group commit: at most one write + fdatasync in flight; bodies that
// arrive meanwhile wait together for the next one, and each completed sync answers its whole group.
// GET /stats tells how many records and fdatasyncs there were and where the log is.
// Prints its port like the bare baseline does; FLOOR_DIR picks the folder (kept at exit).
import { closeSync, fdatasync, mkdtempSync, openSync, rmSync, write } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

const HEADER_BYTES = 4;
const dir = process.env.FLOOR_DIR ?? mkdtempSync(path.join(tmpdir(), "hookscope-floor-"));
const file = path.join(dir, "capture.log");
const fd = openSync(file, "a");

/** Records (header + body) and their answers, waiting for the next group's write. */
let waiting = [];
let syncing = false;
let records = 0;
let syncs = 0;

function answer(res, status, bytes) {
  const body = JSON.stringify(
    status === 200 ? { ok: true, bytes } : { error: { code: "io", message: "write failed" } },
  );
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** Writes `buffer` whole: appends to a regular file may still come back short (disk full, signals). */
function writeAll(buffer, done) {
  write(fd, buffer, 0, buffer.length, null, (error, written) => {
    if (error) done(error);
    else if (written < buffer.length) writeAll(buffer.subarray(written), done);
    else done(null);
  });
}

function commit() {
  if (syncing || waiting.length === 0) return;
  syncing = true;
  const group = waiting;
  waiting = [];
  writeAll(Buffer.concat(group.map((w) => w.record)), (writeError) => {
    const finish = (error) => {
      syncing = false;
      if (!error) {
        records += group.length;
        syncs += 1;
      }
      for (const w of group) answer(w.res, error ? 500 : 200, w.record.length - HEADER_BYTES);
      commit();
    };
    if (writeError) finish(writeError);
    else fdatasync(fd, finish);
  });
}

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/stats") {
    const body = JSON.stringify({ records, syncs, file });
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const chunks = [];
  let length = 0;
  req.on("data", (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  req.on("end", () => {
    const record = Buffer.allocUnsafe(HEADER_BYTES + length);
    record.writeUInt32BE(length, 0);
    let offset = HEADER_BYTES;
    for (const chunk of chunks) offset += chunk.copy(record, offset);
    waiting.push({ record, res });
    commit();
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(
    `durable floor listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
  );
});
process.on("SIGTERM", () =>
  server.close(() => {
    closeSync(fd);
    if (!process.env.FLOOR_DIR) rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }),
);
